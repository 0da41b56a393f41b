import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, loadConfig } from '../../../shared/config/load-config';

const schema = z.object({ TABLE: z.string().min(1), PORT: z.coerce.number().default(3000) });

describe('loadConfig', () => {
  it('parses and defaults the environment', () => {
    expect(loadConfig(schema, { TABLE: 't' })).toEqual({ TABLE: 't', PORT: 3000 });
  });

  it('fails loudly, naming the missing variable', () => {
    expect(() => loadConfig(schema, {})).toThrow(ConfigError);
    expect(() => loadConfig(schema, {})).toThrow(/TABLE/);
  });
});
