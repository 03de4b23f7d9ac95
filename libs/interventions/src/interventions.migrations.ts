import { AdviceLibrary1765100000001 } from './advice/advice.migrations';

/** Migrations of the interventions domain, in order. */
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const INTERVENTIONS_MIGRATIONS: Function[] = [AdviceLibrary1765100000001];
