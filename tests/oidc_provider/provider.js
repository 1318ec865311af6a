// A loopback OpenID Connect provider for the sign-in tests, built on oidc-provider with its
// development interactions: any login and password are accepted, then a consent click.
//
// The login typed in becomes the subject and the email address. A login starting with
// "unverified." yields the address after that prefix with email_verified false, so tests can
// show that an unverified address never takes over an existing account.
//
// Environment: PORT, CLIENT_ID, CLIENT_SECRET, REDIRECT_URI. Prints "ready <issuer>" once
// listening.
import Provider from "oidc-provider";

const port = Number(process.env.PORT || 0);
const issuer = `http://127.0.0.1:${port}`;
const UNVERIFIED = "unverified.";

const configuration = {
  clients: [
    {
      client_id: process.env.CLIENT_ID,
      client_secret: process.env.CLIENT_SECRET,
      redirect_uris: [process.env.REDIRECT_URI],
      grant_types: ["authorization_code"],
      response_types: ["code"],
      token_endpoint_auth_method: "client_secret_basic",
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  cookies: { keys: ["test-only-cookie-key"] },
  pkce: { required: () => true },
  features: { devInteractions: { enabled: true } },
  async findAccount(ctx, sub) {
    const unverified = sub.startsWith(UNVERIFIED);
    const email = unverified ? sub.slice(UNVERIFIED.length) : sub;
    return {
      accountId: sub,
      async claims() {
        return {
          sub,
          email,
          email_verified: !unverified,
          name: `OIDC ${email.split("@")[0]}`,
        };
      },
    };
  },
};

const provider = new Provider(issuer, configuration);
provider.on("server_error", (ctx, error) => console.error("server_error", error));
const server = provider.listen(port, "127.0.0.1", () => {
  console.log(`ready ${issuer}`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
