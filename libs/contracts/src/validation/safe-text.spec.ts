import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { CreateCredentialRequest, ImportCredentialRequest } from '../credentials/credential.dto';
import { CreateInstanceRequest } from '../instances/instance.dto';

async function problems<T extends object>(dto: new () => T, body: object): Promise<string[]> {
  const errors = await validate(plainToInstance(dto, body), { whitelist: true, forbidNonWhitelisted: true });
  const flatten = (list: typeof errors, parent = ''): string[] =>
    list.flatMap((e) => [
      ...Object.values(e.constraints ?? {}).map((m) => `${parent}${e.property}: ${m}`),
      ...flatten(e.children ?? [], `${parent}${e.property}.`),
    ]);
  return flatten(errors);
}

const credential = {
  instanceAlias: 'contoso',
  name: 'Archive sync',
  clientId: '6f1c4d1e-1d7b-4c44-9d4f-0d2b7d0a9c11',
  tenantId: 'contoso.onmicrosoft.com',
};

describe('boundary rules shared by every contract', () => {
  it('accepts ordinary values, including non-Latin text and emoji', async () => {
    expect(
      await problems(CreateCredentialRequest, { ...credential, name: 'Archiv – Zürich 日本 📦' }),
    ).toEqual([]);
  });

  it.each([
    ['a NUL', 'sync\u0000'],
    ['a line break', 'sync\nnext'],
    ['an escape sequence', 'sync\u001b[31m'],
    ['a C1 control', 'sync\u0085'],
    ['a lone high surrogate', 'sync\ud800'],
    ['a lone low surrogate', '\udc00sync'],
  ])('refuses %s in a name', async (_what, name) => {
    const found = await problems(CreateCredentialRequest, { ...credential, name });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^name: name must (not contain control characters|be well-formed Unicode)/);
  });

  it('refuses null where a value is required, and null for an optional field', async () => {
    expect(await problems(CreateCredentialRequest, { ...credential, name: null })).toEqual([
      'name: name must not be null',
    ]);
    expect(await problems(CreateCredentialRequest, { ...credential, certificate: null })).not.toEqual([]);
    expect(await problems(CreateCredentialRequest, { ...credential, certificate: [] })).not.toEqual([]);
    expect(await problems(ImportCredentialRequest, { ...credential, certificatePem: null })).not.toEqual([]);
    expect(
      await problems(CreateInstanceRequest, {
        alias: 'x',
        displayName: null,
        publicBaseUrl: 'https://a.example',
      }),
    ).not.toEqual([]);
  });

  it.each([true, '3', 1.5, null, 0, 37])(
    'refuses validityMonths %p (strict whole numbers 1-36)',
    async (months) => {
      const found = await problems(CreateCredentialRequest, {
        ...credential,
        certificate: { validityMonths: months },
      });
      expect(found).toEqual([
        expect.stringMatching(
          /^certificate\.validityMonths: validityMonths must be a whole number of months/,
        ),
      ]);
    },
  );

  it('keeps line breaks in PEM text but refuses other control characters there', async () => {
    const pem = '-----BEGIN CERTIFICATE-----\r\nMIIB\n-----END CERTIFICATE-----\n';
    expect(await problems(ImportCredentialRequest, { ...credential, certificatePem: pem })).toEqual([]);
    expect(
      await problems(ImportCredentialRequest, { ...credential, certificatePem: `${pem}\u0000` }),
    ).toHaveLength(1);
  });
});
