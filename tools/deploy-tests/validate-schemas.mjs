// Validates Kubernetes objects against the official OpenAPI schemas (kubernetes-models). Reads a JSON
// array of objects on stdin, prints a JSON array of problems. A separate Node process because
// kubernetes-models is ESM-only (the tests run as CommonJS under Jest).
const objects = JSON.parse(
  await new Promise((resolve) => {
    let text = '';
    process.stdin.on('data', (chunk) => (text += chunk)).on('end', () => resolve(text));
  }),
);

const problems = [];
for (const object of objects) {
  const where = `${object.kind} ${object.metadata?.name ?? '(unnamed)'}`;
  const [group, version] = object.apiVersion.includes('/')
    ? object.apiVersion.split('/')
    : [undefined, object.apiVersion];
  const path = group
    ? `kubernetes-models/${group}/${version}/${object.kind}`
    : `kubernetes-models/${version}/${object.kind}`;
  let Model;
  try {
    Model = (await import(path))[object.kind];
  } catch {
    problems.push({ object: where, problem: `no Kubernetes schema for ${object.apiVersion} ${object.kind}` });
    continue;
  }
  try {
    new Model(object).validate();
  } catch (error) {
    problems.push({ object: where, problem: String(error?.message ?? error) });
  }
}
process.stdout.write(JSON.stringify(problems));
