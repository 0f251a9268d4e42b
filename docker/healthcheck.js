// The image's HEALTHCHECK: healthy when the service is ready (its NATS and its database reachable).
// Node's own fetch, so the image needs no curl or wget.
const port = process.env.HTTP_PORT || '8080';
fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(2500) }).then(
  (response) => process.exit(response.ok ? 0 : 1),
  () => process.exit(1),
);
