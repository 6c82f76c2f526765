import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.ts';

function problemsOf(env: Record<string, string>) {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return { message: (error as ConfigError).message, variables: (error as ConfigError).problems.map((p) => p.variable) };
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('gives working defaults for an empty environment', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBe('postgresql://postgres@127.0.0.1:5432/kontakt');
    expect(config.roles).toEqual(['web', 'slack', 'mail', 'workers']);
    expect(config.demoData).toBe(false);
    expect(config.maxFileBytes).toBe(25 * 1024 * 1024);
    expect(config.publicUrl).toBe('http://localhost:3000');
  });

  it('parses the documented variables', () => {
    const config = loadConfig({ PORT: '8080', ROLES: 'web, workers', DEMO_DATA: 'on', PUBLIC_URL: 'https://kontakt.firma.pl/', MAX_FILE_SIZE_MB: '5', DATA_DIR: '/srv/kontakt' });
    expect(config).toMatchObject({ port: 8080, roles: ['web', 'workers'], demoData: true, publicUrl: 'https://kontakt.firma.pl', maxFileBytes: 5 * 1024 * 1024, dataDir: '/srv/kontakt' });
  });

  it('names each bad variable in the error', () => {
    const { message, variables } = problemsOf({ PORT: 'eighty', DATABASE_URL: 'mysql://x/y', ROLES: 'web,printer', DEMO_DATA: 'maybe', TIME_ZONE: 'Mars/Olympus' });
    expect(variables.sort()).toEqual(['DATABASE_URL', 'DEMO_DATA', 'PORT', 'ROLES', 'TIME_ZONE']);
    expect(message).toContain('PORT');
    expect(message).toContain('unknown role(s) printer');
    expect(message).toContain('DATABASE_URL: expected a URL starting with postgres:// or postgresql://');
  });

  it('refuses a PUBLIC_URL that is not http(s)', () => {
    expect(problemsOf({ PUBLIC_URL: 'kontakt.firma.pl' }).variables).toEqual(['PUBLIC_URL']);
  });
});
