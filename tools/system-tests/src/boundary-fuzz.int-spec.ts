import type { INestApplication } from '@nestjs/common';
import { SERVICE_NAMES, StatusSubjects, Subjects, type RpcReplyEnvelope } from '@archive365/contracts';
import { allRpcSubjects } from '@archive365/messaging';
import { connectTestRpc, type TestRpc } from '@archive365/testing';
import { ErrorCode, NatsError } from 'nats';
import request from 'supertest';
import {
  HOSTILE_BODIES,
  HOSTILE_FIELD_VALUES,
  HOSTILE_RAW,
  hostilePayloads,
  plausibleValues,
} from './support/hostile-values';
import { TestPlatform } from './support/platform';

/** Error codes that describe the client's mistake; INTERNAL (a bug) and TIMEOUT (a hang) are failures. */
const CLIENT_ERRORS = ['VALIDATION_FAILED', 'NOT_FOUND', 'CONFLICT'];
const INSTANCE = 'contoso';

/**
 * Every NATS subject (generated from the contracts, so new subjects are covered by themselves) and
 * every admin API route (read from the running router) gets hostile input: no reply is an internal
 * error, no HTTP answer is a 5xx, and every service is still healthy afterwards.
 */
describe('boundaries under hostile input', () => {
  const platform = TestPlatform.create();
  let caller: TestRpc;
  let adminUrl: string;

  beforeAll(async () => {
    platform.serviceEnv['admin-api'] = {
      ...platform.serviceEnv['admin-api'],
      RATE_LIMIT_PER_MINUTE: '1000000',
    };
    for (const service of SERVICE_NAMES) await platform.start(service);
    adminUrl = platform.service('admin-api').url;
    caller = await connectTestRpc(platform.ns.natsUrl, platform.ns.namespace);
    // An instance that exists, so hostile fields of credential requests reach past the instance look-up.
    await caller.rpc.send(Subjects.CreateInstance, {
      alias: INSTANCE,
      displayName: 'Contoso',
      publicBaseUrl: 'https://archive.example.net',
    });
  });

  afterAll(async () => {
    await caller?.close();
    await platform.close();
  });

  it.each(allRpcSubjects().map((subject) => [subject.name, subject] as const))(
    'NATS %s answers hostile payloads with a client error, never INTERNAL',
    async (name, subject) => {
      const wire = `${platform.ns.namespace}.${name}`;
      const bodies = [
        ...hostilePayloads(subject.requestDto, plausibleValues(INSTANCE)).map((payload) =>
          new TextEncoder().encode(JSON.stringify(payload)),
        ),
        ...HOSTILE_RAW,
      ];
      const failures: string[] = [];
      if (!(await isServed(caller, wire))) return; // Declared ahead of its handler: nothing answers yet.
      for (const body of bodies) {
        const reply = await caller.nats.request(wire, body, { timeout: 30_000 });
        const envelope = JSON.parse(new TextDecoder().decode(reply.data)) as RpcReplyEnvelope<unknown>;
        if (!envelope.ok && !CLIENT_ERRORS.includes(envelope.error.code)) {
          failures.push(`${new TextDecoder().decode(body).slice(0, 80)} -> ${envelope.error.code}`);
        }
      }
      expect(failures).toEqual([]);
    },
  );

  it('answers every admin API route with hostile paths, queries and bodies without a 5xx', async () => {
    const routes = adminRoutes(platform.service('admin-api').app);
    expect(routes.length).toBeGreaterThan(10);
    const failures: string[] = [];
    const hostileSegments = ['%00', '%ED%A0%80', '..%2F..', 'x'.repeat(3000), '%F0%9F%93%A6', 'null'];
    const bodies = [
      ...HOSTILE_BODIES,
      ...HOSTILE_FIELD_VALUES.map((value) => ({ name: value, alias: value, credentialId: value })),
      ...HOSTILE_FIELD_VALUES.map((value) => ({ certificate: { validityMonths: value, keySize: value } })),
    ];
    const send = async (method: string, path: string, body?: unknown, raw?: string, signedIn = true) => {
      let call = request(adminUrl)[method as 'get'](path);
      if (signedIn) call = call.set(platform.adminAuth);
      if (raw !== undefined) call = call.set('Content-Type', 'application/json').send(raw);
      else if (body !== undefined)
        call = call.set('Content-Type', 'application/json').send(JSON.stringify(body));
      const response = await call.catch((error: Error) => ({ status: `${error.message}` }));
      if (typeof response.status !== 'number' || response.status >= 500)
        failures.push(
          `${method.toUpperCase()} ${path.slice(0, 80)} ${JSON.stringify(body ?? raw ?? null)?.slice(0, 60)} -> ${response.status}`,
        );
    };
    for (const { method, path } of routes) {
      const withParams = (value: string) => path.replace(/:[A-Za-z]+/g, value);
      for (const segment of hostileSegments) await send(method, withParams(segment), {});
      const plausible = withParams('00000000-0000-4000-8000-000000000000').replace(
        /\/instances\/[^/]+/,
        '/instances/contoso',
      );
      for (const body of bodies) await send(method, plausible, body);
      await send(method, plausible, undefined, '{"unterminated": ');
      await send(method, plausible, { name: '\u0000' }, undefined, false);
      await send(method, `${plausible}?format=%00&which[]=x&which=pending&format=der`);
    }
    expect(failures).toEqual([]);
  });

  it('leaves every service running and ready', async () => {
    for (const service of SERVICE_NAMES) {
      await expect(caller.rpc.send(StatusSubjects[service], {})).resolves.toMatchObject({
        service,
        checks: { nats: 'up', database: 'up' },
      });
      await request(platform.service(service).url).get('/health/ready').expect(200);
    }
  });
});

async function isServed(caller: TestRpc, wire: string): Promise<boolean> {
  try {
    await caller.nats.request(wire, new TextEncoder().encode('{}'), { timeout: 10_000 });
    return true;
  } catch (error) {
    if (error instanceof NatsError && error.code === ErrorCode.NoResponders) return false;
    throw error;
  }
}

/** The admin API's routes as its router has them, so a new route is fuzzed without editing this test. */
function adminRoutes(app: INestApplication): { method: string; path: string }[] {
  const express = app.getHttpAdapter().getInstance() as { router: { stack: RouterLayer[] } };
  return express.router.stack.flatMap((layer) =>
    layer.route
      ? Object.keys(layer.route.methods)
          .filter((method) => HTTP_METHODS.includes(method))
          .map((method) => ({ method, path: (layer.route?.path ?? '').replace('{*path}', 'any/where') }))
      : [],
  );
}

// A catch-all route also lists CONNECT and the like, which are not requests to an API.
const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

interface RouterLayer {
  route?: { path: string; methods: Record<string, boolean> };
}
