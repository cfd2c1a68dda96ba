import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse as parseYaml } from 'yaml';

// Docker cannot run here, so this checks what can be checked without building: the files parse,
// the versions they install match the lockfile, and what they start exists.
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const rootPackage = JSON.parse(read('package.json')) as { packageManager: string; engines: { node: string } };
const trainerPackage = JSON.parse(read('trainer/package.json')) as { dependencies: Record<string, string>; optionalDependencies?: Record<string, string> };
const lockfile = parseYaml(read('pnpm-lock.yaml')) as { importers: Record<string, { dependencies?: Record<string, { version: string }>; optionalDependencies?: Record<string, { version: string }> }> };

interface Instruction {
  op: string;
  args: string;
}

const DOCKER_OPS = new Set(['FROM', 'RUN', 'CMD', 'LABEL', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG', 'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL']);

/** Dockerfile → instructions: comments dropped, `\` continuations joined; throws on an unknown instruction. */
function parseDockerfile(text: string): Instruction[] {
  const logical = text
    .split('\n')
    .filter((line) => !/^\s*#/.test(line))
    .join('\n')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .filter((line) => line.trim() !== '');
  return logical.map((line) => {
    const [op = '', ...rest] = line.trim().split(/\s+/);
    if (!DOCKER_OPS.has(op)) throw new Error(`unknown Dockerfile instruction: ${line}`);
    return { op, args: rest.join(' ') };
  });
}

/** The environment a Dockerfile sets, ENV by ENV. */
function envOf(instructions: Instruction[]): Record<string, string> {
  const env: Record<string, string> = {};
  for (const { op, args } of instructions.filter((i) => i.op === 'ENV')) {
    for (const match of args.matchAll(/([A-Z_][A-Z0-9_]*)=(\S+)/g)) env[match[1] as string] = match[2] as string;
  }
  return env;
}

/** Every variable the API, Worker and trainer read (api/src/config.ts), plus the S3 credentials. */
function knownVariables(): Set<string> {
  const config = read('api/src/config.ts');
  const block = config.slice(config.indexOf('const Env = z.object({'), config.indexOf('});', config.indexOf('const Env = z.object({')));
  const names = [...block.matchAll(/^\s+([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1] as string);
  return new Set([...names, 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']);
}

const tfjsVersion = lockfile.importers.trainer?.dependencies?.['@tensorflow/tfjs']?.version.split('(')[0];
const pnpmVersion = rootPackage.packageManager.split('@')[1];

describe.each(['Dockerfile.cpu', 'Dockerfile.gpu'])('infra/%s', (file) => {
  const instructions = parseDockerfile(read(`infra/${file}`));
  const env = envOf(instructions);

  it('parses, starts FROM a Node 20 or CUDA base, and pins pnpm to the workspace version', () => {
    expect(instructions.find((i) => i.op !== 'ARG')?.op).toBe('FROM');
    expect(instructions.filter((i) => i.op === 'FROM').some((i) => i.args.startsWith('node:20-'))).toBe(true);
    expect(rootPackage.engines.node).toMatch(/^>=20\./);
    expect(instructions.some((i) => i.op === 'RUN' && i.args.includes(`npm install -g pnpm@${pnpmVersion}`))).toBe(true);
    expect(instructions.some((i) => i.op === 'RUN' && i.args.includes('pnpm install --frozen-lockfile'))).toBe(true);
  });

  it('copies only paths that exist and starts the trainer entry that exists', () => {
    for (const copy of instructions.filter((i) => i.op === 'COPY' && !i.args.includes('--from'))) {
      const sources = copy.args.split(/\s+/).slice(0, -1);
      for (const source of sources) expect(existsSync(join(ROOT, source)), source).toBe(true);
    }
    const cmd = instructions.filter((i) => i.op === 'CMD').pop();
    const argv = JSON.parse(cmd?.args ?? 'null') as string[];
    expect(argv.slice(0, 3)).toEqual(['node', '--import', 'tsx']);
    const workdir = instructions.filter((i) => i.op === 'WORKDIR').pop()?.args ?? '/';
    const entry = posix.normalize(posix.join(workdir, argv[3] ?? ''));
    expect(entry).toBe('/app/trainer/src/server.ts');
    expect(existsSync(join(ROOT, 'trainer/src/server.ts'))).toBe(true);
    // tsx is resolved from that WORKDIR: api/ must depend on it
    expect((JSON.parse(read('api/package.json')) as { dependencies: Record<string, string> }).dependencies.tsx).toBeDefined();
  });

  it('listens where it says, with a health check on the trainer\'s /healthz', () => {
    expect(env.HOST).toBe('0.0.0.0');
    expect(instructions.find((i) => i.op === 'EXPOSE')?.args).toBe(env.PORT);
    expect(instructions.find((i) => i.op === 'HEALTHCHECK')?.args).toContain("'/healthz'");
    expect(read('trainer/src/http/app.ts')).toContain("app.get('/healthz'");
    expect(env.LAYERLAB_TRAINER_CONCURRENCY).toBe('1');
    for (const name of Object.keys(env).filter((n) => n.startsWith('LAYERLAB_'))) expect(knownVariables()).toContain(name);
  });
});

describe('native TensorFlow packages', () => {
  it('the CPU image loads @tensorflow/tfjs-node, an optional dependency at the lockfile\'s version', () => {
    const docker = read('infra/Dockerfile.cpu');
    expect(docker).toContain("import('@tensorflow/tfjs-node')");
    expect(envOf(parseDockerfile(docker)).LAYERLAB_BACKEND).toBe('tensorflow');
    // optional: where libtensorflow cannot be downloaded, `pnpm install` still succeeds
    expect(trainerPackage.dependencies['@tensorflow/tfjs-node']).toBeUndefined();
    expect(trainerPackage.optionalDependencies?.['@tensorflow/tfjs-node']).toBe(tfjsVersion);
    expect(lockfile.importers.trainer?.optionalDependencies?.['@tensorflow/tfjs-node']?.version.split('(')[0]).toBe(tfjsVersion);
  });

  it('the GPU image adds tfjs-node-gpu at the trainer\'s tfjs version on CUDA 11.2 + cuDNN 8', () => {
    const docker = read('infra/Dockerfile.gpu');
    const froms = parseDockerfile(docker).filter((i) => i.op === 'FROM').map((i) => i.args);
    expect(froms).toContain('nvidia/cuda:11.2.2-cudnn8-runtime-ubuntu20.04');
    expect(docker).toContain(`@tensorflow/tfjs-node-gpu@${tfjsVersion ?? 'missing'}`);
    expect(envOf(parseDockerfile(docker)).LAYERLAB_BACKEND).toBe('tensorflow-gpu');
    // never in the workspace itself: only the image installs it
    expect(JSON.stringify(trainerPackage)).not.toContain('tfjs-node-gpu');
  });
});

type Container = { image: string; env?: { name: string }[]; ports?: { name?: string; containerPort: number }[]; resources?: { limits?: Record<string, unknown> } };

describe('manifests', () => {
  it('Cloud Run: an L4 GPU per instance, one request at a time, bounded instances, known variables', () => {
    const service = parseYaml(read('infra/cloudrun/trainer-service.yaml')) as {
      kind: string;
      spec: { template: { metadata: { annotations: Record<string, string> }; spec: { containerConcurrency: number; nodeSelector: Record<string, string>; containers: Container[] } } };
    };
    expect(service.kind).toBe('Service');
    const { annotations } = service.spec.template.metadata;
    const spec = service.spec.template.spec;
    expect(spec.containerConcurrency).toBe(1);
    expect(Number(annotations['autoscaling.knative.dev/maxScale'])).toBeGreaterThanOrEqual(1);
    expect(annotations['run.googleapis.com/cpu-throttling']).toBe('false');
    expect(spec.nodeSelector['run.googleapis.com/accelerator']).toBe('nvidia-l4');
    const container = spec.containers[0] as Container;
    expect(container.resources?.limits?.['nvidia.com/gpu']).toBe('1');
    expect(container.ports?.[0]?.containerPort).toBe(8080);
    for (const { name } of container.env ?? []) expect(knownVariables()).toContain(name);
  });

  it('Kubernetes: a Deployment with a GPU and a Service that selects it', () => {
    const docs = parseAllDocuments(read('infra/k8s/trainer.yaml')).map((doc) => doc.toJS() as Record<string, never>);
    const deployment = docs.find((d) => d.kind === 'Deployment') as unknown as {
      spec: { selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> }; spec: { containers: Container[] } } };
    };
    const service = docs.find((d) => d.kind === 'Service') as unknown as { spec: { selector: Record<string, string>; ports: { targetPort: string }[] } };
    expect(deployment.spec.template.metadata.labels).toMatchObject(deployment.spec.selector.matchLabels);
    expect(deployment.spec.template.metadata.labels).toMatchObject(service.spec.selector);
    const container = deployment.spec.template.spec.containers[0] as Container;
    expect((container.ports ?? []).map((p) => p.name)).toContain(service.spec.ports[0]?.targetPort);
    expect(container.ports?.[0]?.containerPort).toBe(8080);
    expect(container.resources?.limits?.['nvidia.com/gpu']).toBe(1);
    for (const { name } of container.env ?? []) expect(knownVariables()).toContain(name);
  });

  it('compose: MinIO, a bucket, the trainer and the API from Dockerfile.cpu, wired to each other', () => {
    const compose = parseYaml(read('infra/compose.yaml'), { merge: true }) as {
      services: Record<string, { build?: { context: string; dockerfile: string }; environment?: Record<string, string>; command?: string[] }>;
    };
    expect(Object.keys(compose.services).sort()).toEqual(['api', 'create-bucket', 'minio', 'trainer']);
    for (const name of ['api', 'trainer']) {
      const service = compose.services[name];
      expect(existsSync(join(ROOT, 'infra', service?.build?.context ?? 'missing', service?.build?.dockerfile ?? 'missing'))).toBe(true);
      expect(service?.environment?.LAYERLAB_S3_ENDPOINT).toBe('http://minio:9000');
      for (const variable of Object.keys(service?.environment ?? {})) expect(knownVariables()).toContain(variable);
    }
    expect(compose.services.api?.environment?.LAYERLAB_TRAINER_URL).toBe('http://trainer:8080');
    expect(compose.services.api?.command).toEqual(['node', '--import', 'tsx', 'src/node.ts']);
    expect(existsSync(join(ROOT, 'api/src/node.ts'))).toBe(true);
  });

  it('wrangler.toml points at the Worker entry, and infra/README.md documents every variable', () => {
    const toml = read('infra/wrangler.toml');
    expect(/^main = "\.\.\/api\/src\/worker\.ts"$/m.test(toml)).toBe(true);
    expect(existsSync(join(ROOT, 'api/src/worker.ts'))).toBe(true);
    const readme = read('infra/README.md');
    for (const name of knownVariables()) expect(readme, name).toContain(`\`${name}\``);
  });
});
