// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export const API_MIGRATIONS: Function[] = [];
