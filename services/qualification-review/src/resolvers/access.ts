import { badInput, forbidden, type Viewer } from '@jianguan/platform';
import type { ApplicationEntity } from '../entities/application.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function requireUuid(field: string, value: string): string {
  if (!UUID.test(value)) throw badInput(field, `${field} must be an ID`);
  return value;
}

/** The institution's own users, or an official whose jurisdiction covers the application. */
export const canSeeApplication = (viewer: Viewer, app: ApplicationEntity) =>
  viewer.canSeeInstitution({ id: app.institutionId, regionCode: app.regionCode });

export function visibleApplication(viewer: Viewer, app: ApplicationEntity | null): ApplicationEntity | null {
  viewer.requireUser();
  if (app && !canSeeApplication(viewer, app)) throw forbidden('Outside your jurisdiction');
  return app;
}
