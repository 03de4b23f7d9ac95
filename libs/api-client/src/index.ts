// Types of the public API, generated from the OpenAPI document. The admin builds its client with
// openapi-fetch: `createClient<paths>({ baseUrl: location.origin })` (paths already start with /api).
export type { components, operations, paths } from './schema';

import type { components } from './schema';

/** A response or request body schema by name, e.g. `Schema<'UserDto'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];
