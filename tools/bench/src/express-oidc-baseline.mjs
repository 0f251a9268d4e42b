// The baseline relying party for the auth-gateway benchmark, built the common way: Express with
// express-openid-connect, stateless (transaction and session in encrypted cookies), no user check.
// Settings come from the environment; prints `listening <port>` once it accepts connections.
import { createServer } from 'node:http';
import express from 'express';
import { auth } from 'express-openid-connect';

const { AUTHORITY, TENANT, CLIENT_ID, CLIENT_SECRET, RESPONSE_TYPE } = process.env;
const app = express();
const server = createServer(app);
server.listen(0, '127.0.0.1', () => {
  const port = server.address().port;
  app.use(
    auth({
      issuerBaseURL: `${AUTHORITY}/${TENANT}/v2.0`,
      baseURL: `http://localhost:${port}`,
      clientID: CLIENT_ID,
      clientSecret: CLIENT_SECRET,
      secret: 'a-long-random-cookie-secret-for-the-benchmark-only-0123456789',
      authRequired: false,
      idpLogout: false,
      authorizationParams:
        RESPONSE_TYPE === 'code'
          ? { response_type: 'code', scope: 'openid profile email' }
          : { response_type: 'id_token', response_mode: 'form_post', scope: 'openid profile email' },
    }),
  );
  app.get('/', (req, res) => res.send(req.oidc.isAuthenticated() ? 'signed in' : 'anonymous'));
  process.stdout.write(`listening ${port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
