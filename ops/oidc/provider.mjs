// A real OpenID Connect provider for the single sign-on tests and the demo (issue 27): the
// certified `oidc-provider` package with a login page of its own, standing in for an
// organisation's Microsoft Entra ID, ADFS or Keycloak. Not part of the application.
//
//   node ops/oidc/provider.mjs --poort 8401 --personen personen.json --clients clients.json
//   node ops/oidc/provider.mjs --poort 8401 --personen demo-personen.json \
//        --client-id mvoi-demo --client-secret … --redirect http://127.0.0.1:8000/inloggen/sso/terug/
//
// personen.json – read again on every login and token, so a test (or you) can change a
// person's groups or disable them while the provider runs:
//   {"anna": {"wachtwoord": "…", "email": "anna@gemeente-a.nl", "naam": "Anna de Vries",
//             "groepen": ["mvoi-coordinatoren"], "mfa": true, "uitgeschakeld": false,
//             "email_verified": true}}   (email_verified: true unless said otherwise)
// clients.json – the applications registered with this provider:
//   [{"client_id": "mvoi", "client_secret": "…", "redirect_uris": ["http://…/inloggen/sso/terug/"],
//     "post_logout_redirect_uris": ["http://…/inloggen/"]}]
//
// A person with "mfa": true logs in with a password and a (fixed, test-only) code 123456;
// their ID token then says amr ["pwd", "otp", "mfa"]. Without it, amr is ["pwd"].
// It prints "klaar <issuer>" on standard output once it listens.

import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';

import Provider from 'oidc-provider';

const { values: opties } = parseArgs({
  options: {
    poort: { type: 'string', default: '8401' },
    host: { type: 'string', default: '127.0.0.1' },
    personen: { type: 'string' },
    clients: { type: 'string' },
    // Or one client on the command line (the demo: `make run`).
    'client-id': { type: 'string' },
    'client-secret': { type: 'string' },
    redirect: { type: 'string', multiple: true },
    naam: { type: 'string', default: 'Identiteitsprovider' },
  },
});

const issuer = `http://${opties.host}:${opties.poort}`;
const personen = () => JSON.parse(readFileSync(opties.personen, 'utf8'));
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const sleutel = { ...privateKey.export({ format: 'jwk' }), kid: randomBytes(8).toString('hex'), use: 'sig', alg: 'RS256' };

const clients = opties.clients
  ? JSON.parse(readFileSync(opties.clients, 'utf8'))
  : [{
    client_id: opties['client-id'],
    client_secret: opties['client-secret'],
    grant_types: ['authorization_code', 'refresh_token'],
    redirect_uris: opties.redirect,
    post_logout_redirect_uris: opties.redirect.map((uri) => new URL('/inloggen/', uri).href),
  }];

const escape = (tekst) => String(tekst).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const provider = new Provider(issuer, {
  clients,
  jwks: { keys: [sleutel] },
  cookies: { keys: [randomBytes(32).toString('hex')] },
  pkce: { required: () => true },
  // A refresh token for every login (no offline_access consent): the application uses it to
  // ask every few minutes whether the person may still log in (a disabled person: refused).
  issueRefreshToken: async (ctx, client) => client.grantTypeAllowed('refresh_token'),
  // Every refresh gives a new refresh token and uses up the old one; an old one that comes
  // back ends the whole grant (reuse detection), as Keycloak with "revoke refresh token":
  // the strictest a provider is, so the application must never send one twice.
  rotateRefreshToken: true,
  scopes: ['openid', 'email', 'profile', 'groups', 'offline_access'],
  claims: {
    // amr with the openid scope: the ID token says how the person logged in (a person with
    // "mfa" can only log in here with the code too, see the login page below).
    openid: ['sub', 'oid', 'amr'],
    email: ['email', 'email_verified'],
    profile: ['name'],
    groups: ['groups'],
  },
  // The claims of the scopes asked for go into the ID token itself (the application reads
  // no userinfo endpoint).
  conformIdTokenClaims: false,
  features: {
    devInteractions: { enabled: false },
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: async (ctx, form) => {
        ctx.body = pagina('Uitloggen', `<p>U logt uit bij ${escape(opties.naam)}.</p>${form}
          <button form="op.logoutForm" type="submit" name="logout" value="yes">Uitloggen</button>`);
      },
      postLogoutSuccessSource: async (ctx) => {
        ctx.body = pagina('Uitgelogd', '<p>U bent uitgelogd.</p>');
      },
    },
  },
  // A first-party application: no consent page, the grant is given at once.
  loadExistingGrant: async (ctx) => {
    const grant = new ctx.oidc.provider.Grant({
      clientId: ctx.oidc.client.clientId,
      accountId: ctx.oidc.session.accountId,
    });
    grant.addOIDCScope(ctx.oidc.requestParamScopes ? [...ctx.oidc.requestParamScopes].join(' ') : 'openid');
    await grant.save();
    return grant;
  },
  async findAccount(ctx, id) {
    const persoon = personen()[id];
    if (!persoon || persoon.uitgeschakeld) return undefined;
    return {
      accountId: id,
      async claims() {
        return {
          sub: id,
          oid: persoon.oid,  // as Entra ID's object id, where the file gives one
          amr: persoon.mfa ? ['pwd', 'otp', 'mfa'] : ['pwd'],
          email: persoon.email,
          // true unless the file says otherwise; null leaves the claim out (as Entra ID).
          email_verified: 'email_verified' in persoon ? (persoon.email_verified ?? undefined) : true,
          name: persoon.naam,
          groups: persoon.groepen ?? [],
        };
      },
    };
  },
  interactions: { url: (ctx, interaction) => `/interactie/${interaction.uid}` },
  ttl: { Session: 8 * 3600, Interaction: 600, Grant: 8 * 3600, IdToken: 300, AccessToken: 300, AuthorizationCode: 60 },
  renderError: async (ctx, out) => {
    ctx.type = 'html';
    ctx.body = pagina('Fout', `<p>${escape(out.error)}: ${escape(out.error_description ?? '')}</p>`);
  },
});

function pagina(titel, inhoud) {
  return `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>${escape(titel)} – ${escape(opties.naam)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>${escape(opties.naam)}</h1>${inhoud}</main></body></html>`;
}

function inlogformulier(uid, fout = '', login = '') {
  return pagina('Inloggen', `${fout ? `<p role="alert">${escape(fout)}</p>` : ''}
<form method="post" action="/interactie/${uid}">
  <p><label for="login">Gebruikersnaam</label> <input id="login" name="login" value="${escape(login)}" required autofocus></p>
  <p><label for="wachtwoord">Wachtwoord</label> <input id="wachtwoord" name="wachtwoord" type="password" required></p>
  <p><label for="code">Code uit de app (als gevraagd)</label> <input id="code" name="code" inputmode="numeric"></p>
  <p><button type="submit">Inloggen</button></p>
</form>`);
}

async function formulier(req) {
  let tekst = '';
  for await (const stuk of req) tekst += stuk;
  return Object.fromEntries(new URLSearchParams(tekst));
}

// The provider's own login page: password (and, for a person with "mfa", a code).
provider.use(async (ctx, next) => {
  const treffer = ctx.path.match(/^\/interactie\/([\w-]+)$/);
  if (!treffer) return next();
  const details = await provider.interactionDetails(ctx.req, ctx.res);
  if (details.prompt.name !== 'login') {
    // Consent is never asked (loadExistingGrant): finish with what is there.
    await provider.interactionFinished(ctx.req, ctx.res, {}, { mergeWithLastSubmission: true });
    ctx.respond = false;
    return undefined;
  }
  if (ctx.method === 'GET') {
    ctx.type = 'html';
    ctx.body = inlogformulier(details.uid);
    return undefined;
  }
  const invoer = await formulier(ctx.req);
  const persoon = personen()[invoer.login];
  const goed = persoon && !persoon.uitgeschakeld && persoon.wachtwoord === invoer.wachtwoord
    && (!persoon.mfa || invoer.code === '123456');
  if (!goed) {
    ctx.type = 'html';
    ctx.body = inlogformulier(details.uid, 'Onbekende gebruiker, verkeerd wachtwoord of code.', invoer.login);
    return undefined;
  }
  await provider.interactionFinished(ctx.req, ctx.res, {
    login: { accountId: invoer.login, amr: persoon.mfa ? ['pwd', 'otp', 'mfa'] : ['pwd'] },
  }, { mergeWithLastSubmission: false });
  ctx.respond = false;
  return undefined;
});

const server = createServer(provider.callback());
server.listen(Number(opties.poort), opties.host, () => {
  console.log(`klaar ${issuer}`);
});
// A browser keeps its connections open: close them too, or close() waits for them.
for (const signaal of ['SIGINT', 'SIGTERM']) {
  process.on(signaal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
