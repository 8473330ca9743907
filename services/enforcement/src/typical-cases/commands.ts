import { notFound, writeCreationAudit, type Viewer } from '@jianguan/platform';
import { recordEvent } from '@jianguan/events';
import { KnownInstitutionEntity } from '../entities/known-institution.entity';
import { TypicalCaseEntity } from '../entities/typical-case.entity';
import { requireEnforcer, type CommandDeps } from '../command-deps';
import type { TypicalCaseInput } from '../inputs';

/** Publishes a typical case (典型案例); public-list shows it from TypicalCasePublished. */
export async function publishTypicalCase(
  deps: CommandDeps,
  viewer: Viewer,
  input: TypicalCaseInput,
  requestId: string,
): Promise<TypicalCaseEntity> {
  return deps.dataSource.transaction(async (manager) => {
    let regionCode = input.regionCode ?? null;
    if (input.institutionId) {
      const institution = await manager.findOneBy(KnownInstitutionEntity, { id: input.institutionId });
      if (!institution) throw notFound('Institution');
      regionCode = institution.regionCode;
    }
    const actor = requireEnforcer(viewer, regionCode!);
    const now = new Date();
    const published = await manager.save(
      manager.create(TypicalCaseEntity, {
        institutionId: input.institutionId ?? null,
        regionCode: regionCode!,
        title: input.title,
        summary: input.summary,
        publishedById: actor.sub,
        publishedByName: actor.name,
        publishedAt: now,
      }),
    );
    await writeCreationAudit(manager, {
      actor,
      action: 'publishTypicalCase',
      entityType: 'TypicalCase',
      created: published,
      requestId,
    });
    await recordEvent(manager, 'enforcement', 'TypicalCasePublished', {
      caseId: published.id,
      institutionId: published.institutionId,
      regionCode: published.regionCode,
      title: published.title,
      summary: published.summary,
      publishedAt: now.toISOString(),
    });
    return published;
  });
}
