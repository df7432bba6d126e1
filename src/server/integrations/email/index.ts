// Email (SMTP) as a Vigil integration: approval requests and case assignments go out through the
// first enabled email connection; playbooks can send mail with ctx.integrations.email.send().
import { actionsFor, defineIntegration } from "../define";
import { EmailClient, emailMessageSchema, emailSecretSchema, emailTransportSchema } from "./client";

const action = actionsFor<EmailClient>();

export default defineIntegration({
  id: "email",
  title: "Email (SMTP)",
  category: "notification",
  description: "Send approval requests, assignment notices and playbook messages by email.",
  config: emailTransportSchema,
  secret: emailSecretSchema,
  connect: ({ config, secret }) => new EmailClient(config, secret),
  close: async (client) => client.close(),
  test: (client) => client.verify(),
  actions: {
    send: action.read({
      summary: "Send an email (text, optional HTML) to up to 100 recipients",
      params: emailMessageSchema,
      run: async (client, p) => ({ ...(await client.send(p)) }),
    }),
  },
});
