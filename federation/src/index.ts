import type { ServiceDefinition } from '@jianguan/platform';
import { registryService } from '@jianguan/registry';
import { qualificationReviewService } from '@jianguan/qualification-review';
import { onlineCourseFilingService } from '@jianguan/online-course-filing';
import { enforcementService } from '@jianguan/enforcement';
import { publicListService } from '@jianguan/public-list';

/** Every subgraph of the federation, in the order the launcher starts them. */
export const federationServices: ServiceDefinition[] = [
  registryService,
  qualificationReviewService,
  onlineCourseFilingService,
  enforcementService,
  publicListService,
];
