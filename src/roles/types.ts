export type StartedRole = { name: string; stop(): Promise<void> };
