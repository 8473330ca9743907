/** What institutions submit in the demo: qualification materials and online filings, derived from the data set. */
import { createHash } from 'node:crypto';
import { idNumberCheckCharacter } from '@jianguan/platform';
import { CHECKLISTS } from '@jianguan/qualification-review';
import { compliantCourse, type DemoInstitution } from '@jianguan/tools';

/** The materials a new school-running permit needs: qualification-review's own checklist. */
export const NEW_PERMIT_MATERIALS = CHECKLISTS.NEW_PERMIT;

export const materialsOf = (institution: DemoInstitution, types: readonly string[]) =>
  types.map((type) => ({
    type,
    documentRef: `docs://qualification/${institution.creditCode}/${type.toLowerCase()}.pdf`,
    contentHash: createHash('sha256').update(`${institution.creditCode}:${type}`).digest('hex'),
  }));

/** A resident ID number of the institution's county with a correct check character. */
const idNumber = (countyCode: string, birth: string, serial: number) => {
  const first17 = `${countyCode}${birth}${String(serial % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckCharacter(first17);
};

const TEACHERS = ['张', '李', '王', '马', '韩', '才让', '卓玛', '索南'];

/**
 * The five parts of an online filing. `overlong` makes the first course break the lesson-length rule,
 * so screening finds a problem and enforcement opens an order.
 */
export function filingOf(institution: DemoInstitution, id: string, options: { overlong?: boolean } = {}) {
  const slug = institution.creditCode.slice(10, 16).toLowerCase();
  const subject = institution.category === 'SUBJECT' ? 'MATH' : 'ART';
  return {
    institutionId: id,
    institutionInfo: {
      name: institution.name,
      creditCode: institution.creditCode,
      legalRepresentative: `${TEACHERS[institution.index % TEACHERS.length]}某`,
      address: institution.address,
      contactPhone: `1390971${String(institution.index % 10000).padStart(4, '0')}`,
    },
    businessInfo: {
      platforms: [
        {
          kind: 'WEBSITE',
          name: institution.name.replace(/有限公司$/u, ''),
          domain: `x${slug}.example.cn`,
          icpNumber: institution.licences.find((l) => l.type === 'ICP_FILING')?.number ?? null,
        },
        { kind: 'APP', name: `${institution.name.slice(2, 6)}App`, storeIds: [`cn.example.x${slug}`] },
      ],
      // Every online platform that charges needs the value-added telecom licence, whatever the category.
      telecomLicence:
        institution.licences.find((l) => l.type === 'TELECOM_LICENCE')?.number ??
        `青B2-2023${String(institution.index % 10000).padStart(4, '0')}`,
      complaintLink: `https://x${slug}.example.cn/complaints`,
      userAgreement: `https://x${slug}.example.cn/agreement`,
    },
    personnel: [0, 1, 2].map((k) => ({
      name: `${TEACHERS[(institution.index + k) % TEACHERS.length]}老师`,
      idNumber: idNumber(institution.countyCode, `19${80 + k * 3}0${1 + k}15`, institution.index * 3 + k),
      role: k === 2 ? 'TEACHING_ASSISTANT' : 'TEACHER',
      subject,
      teacherCertificateNumber:
        k === 2 ? null : `2015${institution.countyCode}${String(institution.index * 3 + k).padStart(4, '0')}`,
    })),
    courses: [
      compliantCourse({
        title: subject === 'MATH' ? '初中数学同步提高' : '少儿美术启蒙',
        subject,
        gradeFrom: subject === 'MATH' ? 7 : 1,
        gradeTo: subject === 'MATH' ? 9 : 3,
        lessonMinutes: options.overlong ? 45 : 30,
      }),
    ],
    commitments: [
      { code: 'NO_EXAM_ORIENTED', text: '不开展超标超前培训' },
      { code: 'PREPAID_LIMIT', text: '预收费不超过3个月或60课时' },
    ],
  };
}
