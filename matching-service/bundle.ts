import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Bundles the matching service into one ESM file with everything in it, the AWS SDK included:
 * the image runs it with no node_modules (see the Dockerfile), and the crash test runs the same
 * artifact, so what is killed and recovered there is what ships. The banner gives bundled
 * CommonJS dependencies a working `require` for Node built-ins.
 */
export async function bundleMatchingService(outfile: string): Promise<void> {
  await build({
    entryPoints: [join(root, 'matching-service/src/main.ts')],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    sourcemap: true,
    mainFields: ['module', 'main'],
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    outfile,
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const outfile = process.argv[2];
  if (outfile === undefined) throw new Error('usage: tsx matching-service/bundle.ts <outfile>');
  await bundleMatchingService(outfile);
}
