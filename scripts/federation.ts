import type { ServiceDefinition } from '@jianguan/platform';
import { registryService } from '@jianguan/registry';

/** Every subgraph of the federation, in the order the launcher starts them. */
export const federationServices: ServiceDefinition[] = [registryService];
