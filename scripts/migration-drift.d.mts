export function driftCheckArgs(database: "sqlite" | "postgres"): string[];
export function sqliteDriftUrl(dir: string): string;
