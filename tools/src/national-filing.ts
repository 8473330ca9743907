/**
 * The national online-course filing data set: compliant institutions, platforms, personnel and courses
 * in the four sheets online-course-filing imports (`writeCsvDirectory` / `writeWorkbook` of
 * @jianguan/online-course-filing write them out).
 */
import { creditCodeCheckCharacter, CREDIT_CODE_ALPHABET, idNumberCheckCharacter } from '@jianguan/platform';

/** The national filing at the end of 2019 (docs/design.md §1.4). */
export const NATIONAL_2019 = { institutions: 718, personnel: 115_622, courses: 3_463 } as const;

/** Real county-level division codes across provinces, where the seeded institutions are registered. */
const COUNTIES = [
  '110105',
  '110108',
  '120101',
  '130102',
  '140105',
  '150102',
  '210102',
  '220102',
  '230102',
  '310104',
  '310115',
  '320102',
  '330106',
  '340102',
  '350102',
  '360102',
  '370102',
  '410105',
  '420111',
  '430104',
  '440106',
  '440305',
  '450103',
  '460106',
  '500105',
  '510107',
  '520102',
  '530102',
  '540102',
  '610113',
  '620102',
  '630102',
  '640104',
  '650102',
];
const SUBJECTS = ['CHINESE', 'MATH', 'ENGLISH', 'PHYSICS', 'CHEMISTRY', 'PROGRAMMING', 'ART', 'MUSIC'];
const ACADEMIC = new Set(['CHINESE', 'MATH', 'ENGLISH', 'PHYSICS', 'CHEMISTRY']);
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚';

function creditCode(county: string, serial: number): string {
  let n = serial;
  let org = '';
  for (let i = 0; i < 9; i++) {
    org = CREDIT_CODE_ALPHABET[n % 31] + org;
    n = Math.floor(n / 31);
  }
  const first17 = `91${county}${org}`;
  return first17 + creditCodeCheckCharacter(first17);
}

function idNumber(county: string, serial: number): string {
  const year = 1960 + (serial % 40);
  const month = String(1 + (serial % 12)).padStart(2, '0');
  const day = String(1 + (serial % 28)).padStart(2, '0');
  const first17 = `${county}${year}${month}${day}${String(serial % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckCharacter(first17);
}

/** Spreads `total` over `parts` as evenly as whole numbers allow. */
const share = (total: number, parts: number, i: number) =>
  Math.floor(total / parts) + (i < total % parts ? 1 : 0);

/** The four sheets of online-course-filing's import, each a list of rows by column name. */
export type NationalFilingSheets = Record<
  'institutions' | 'platforms' | 'personnel' | 'courses',
  Record<string, string | number | null>[]
>;

/** A compliant national data set of the given size, deterministic. */
export function generateNationalDataSet(
  size: { institutions: number; personnel: number; courses: number } = NATIONAL_2019,
): NationalFilingSheets {
  const sheets: NationalFilingSheets = { institutions: [], platforms: [], personnel: [], courses: [] };
  let personSerial = 0;
  for (let i = 0; i < size.institutions; i++) {
    const county = COUNTIES[i % COUNTIES.length];
    const code = creditCode(county, 100_000 + i);
    const domain = `edu${i + 1}.example.cn`;
    sheets.institutions.push({
      creditCode: code,
      name: `线上培训机构${i + 1}号`,
      regionCode: county,
      legalRepresentative: `${SURNAMES[i % SURNAMES.length]}${GIVEN[i % GIVEN.length]}`,
      address: `办公地址 ${i + 1} 号`,
      contactPhone: `400${String(1_000_000 + i).slice(-7)}`,
      telecomLicence: `B2-2019${String(i).padStart(4, '0')}`,
      complaintLink: `https://${domain}/complaints`,
      userAgreement: `https://${domain}/agreement`,
      submittedAt: `2019-${String(10 + (i % 3)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}T10:00:00+08:00`,
      commitments: 'NO_EXAM_ORIENTED:不开展应试培训|FEE_LIMIT:不一次性收取超过3个月费用',
    });
    sheets.platforms.push({
      creditCode: code,
      kind: 'WEBSITE',
      name: `线上培训平台${i + 1}`,
      domain,
      icpNumber: `京ICP备19${String(i).padStart(6, '0')}号`,
      storeIds: '',
      accountId: '',
    });
    if (i % 2 === 0) {
      sheets.platforms.push({
        creditCode: code,
        kind: 'APP',
        name: `学习App${i + 1}`,
        domain: '',
        icpNumber: '',
        storeIds: `cn.example.edu${i + 1};id${1_000_000 + i}`,
        accountId: '',
      });
    }
    for (let j = 0; j < share(size.personnel, size.institutions, i); j++) {
      personSerial += 1;
      const subject = SUBJECTS[personSerial % SUBJECTS.length];
      const role = j % 10 === 9 ? 'STAFF' : 'TEACHER';
      sheets.personnel.push({
        creditCode: code,
        name: `${SURNAMES[personSerial % SURNAMES.length]}${GIVEN[(personSerial * 7) % GIVEN.length]}`,
        idNumber: idNumber(county, personSerial),
        role,
        subject: role === 'TEACHER' ? subject : '',
        teacherCertificateNumber:
          role === 'TEACHER' && ACADEMIC.has(subject) ? `2019${String(personSerial).padStart(13, '0')}` : '',
      });
    }
    for (let j = 0; j < share(size.courses, size.institutions, i); j++) {
      const subject = SUBJECTS[(i + j) % SUBJECTS.length];
      sheets.courses.push({
        creditCode: code,
        title: `${subject} 课程 ${j + 1}`,
        subject,
        gradeFrom: 1 + (j % 6),
        gradeTo: 6 + (j % 6),
        lessonMinutes: 30,
        breakMinutes: 10,
        delivery: j % 3 === 0 ? 'RECORDED' : 'LIVE',
        schedule: '每周六',
        startTime: '19:00',
        endTime: '20:30',
        feePerLessonFen: 5000,
        billingMode: j % 2 === 0 ? 'PER_LESSON' : 'PREPAID',
        prepaidMonths: j % 2 === 0 ? '' : 3,
        prepaidLessons: j % 2 === 0 ? '' : 24,
      });
    }
  }
  return sheets;
}
