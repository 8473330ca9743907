export const APPLICATION_TYPES = ['NEW_PERMIT', 'RENEWAL', 'CHANGE_OF_SCOPE', 'CHANGE_OF_ADDRESS'] as const;
export type ApplicationType = (typeof APPLICATION_TYPES)[number];

/** A new permit needs every material except those about a permit already held. */
const NEW_PERMIT_MATERIALS = [
  'LEGAL_PERSON_CERTIFICATE',
  'PREMISES_PROOF',
  'FIRE_SAFETY_CLEARANCE',
  'TEACHER_QUALIFICATIONS',
  'FEE_STANDARDS',
  'SAFETY_RULES',
  'ARTICLES_OF_ASSOCIATION',
] as const;
export const MATERIAL_TYPES = [...NEW_PERMIT_MATERIALS, 'CURRENT_PERMIT', 'SCOPE_CHANGE_PLAN'] as const;
export type MaterialType = (typeof MATERIAL_TYPES)[number];

/** The typed checklist: what each kind of application must include. */
export const CHECKLISTS: Record<ApplicationType, readonly MaterialType[]> = {
  NEW_PERMIT: NEW_PERMIT_MATERIALS,
  RENEWAL: [
    'LEGAL_PERSON_CERTIFICATE',
    'CURRENT_PERMIT',
    'TEACHER_QUALIFICATIONS',
    'FEE_STANDARDS',
    'SAFETY_RULES',
  ],
  CHANGE_OF_SCOPE: ['CURRENT_PERMIT', 'TEACHER_QUALIFICATIONS', 'FEE_STANDARDS', 'SCOPE_CHANGE_PLAN'],
  CHANGE_OF_ADDRESS: ['CURRENT_PERMIT', 'PREMISES_PROOF', 'FIRE_SAFETY_CLEARANCE', 'SAFETY_RULES'],
};

export interface Material {
  type: MaterialType;
  documentRef: string;
  contentHash: string;
  submittedAt: string;
}

/** Replaces materials of the same type with the newer ones; keeps the checklist order stable. */
export function mergeMaterials(current: Material[], added: Material[]): Material[] {
  const replaced = new Set(added.map((m) => m.type));
  return [...current.filter((m) => !replaced.has(m.type)), ...added];
}

export const checklistOf = (type: ApplicationType, materials: Material[]) => {
  const provided = new Set(materials.map((m) => m.type));
  return CHECKLISTS[type].map((item) => ({ type: item, provided: provided.has(item) }));
};
