import { createMailer } from '../../platform/mailer';
import { TestSmtpServer } from '../support/smtp';

// A mail server that offers no STARTTLS, as a misconfigured or intercepted one might.
describe('SMTP_REQUIRE_TLS', () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await new TestSmtpServer().start();
  });
  afterAll(() => smtp.stop());

  const message = { from: 'noreply@iop.test', to: 'anna.andersson@example.se', subject: 'Påminnelse', text: 'Personuppgifter i klartext' };

  it('when TLS is required and the server offers no STARTTLS, then nothing is sent in the clear and the attempt fails for a retry', async () => {
    const mailer = createMailer(smtp.url, { requireTls: true });
    try {
      await expect(mailer.sendMail(message)).rejects.toThrow(/STARTTLS/i);
      expect(smtp.messages).toHaveLength(0);
    } finally {
      mailer.close();
    }
  });

  it('when TLS is not required, then the same server is sent the message', async () => {
    const mailer = createMailer(smtp.url);
    try {
      await mailer.sendMail(message);
      expect(smtp.messages.map((m) => m.subject)).toEqual(['Påminnelse']);
    } finally {
      mailer.close();
    }
  });
});
