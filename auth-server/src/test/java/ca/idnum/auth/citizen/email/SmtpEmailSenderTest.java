package ca.idnum.auth.citizen.email;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.auth.citizen.account.EmailAddress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mail.javamail.JavaMailSenderImpl;

class SmtpEmailSenderTest {

  /** Just enough of an SMTP server (RFC 5321) to receive messages on a loopback port. */
  static final class SmtpSink implements AutoCloseable {
    final ServerSocket server;
    final List<String> messages = new CopyOnWriteArrayList<>();
    final Thread thread;

    SmtpSink() throws IOException {
      server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
      thread = new Thread(this::serve, "smtp-sink");
      thread.setDaemon(true);
      thread.start();
    }

    int port() {
      return server.getLocalPort();
    }

    private void serve() {
      while (!server.isClosed()) {
        try (Socket socket = server.accept();
            BufferedReader in =
                new BufferedReader(
                    new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8)) {
          reply(out, "220 sink ESMTP");
          String line;
          while ((line = in.readLine()) != null) {
            String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
            switch (verb) {
              case "EHLO", "HELO" -> reply(out, "250 sink");
              case "DATA" -> {
                reply(out, "354 go ahead");
                StringBuilder data = new StringBuilder();
                while (!(line = in.readLine()).equals(".")) {
                  data.append(line).append('\n');
                }
                messages.add(data.toString());
                reply(out, "250 queued");
              }
              case "QUIT" -> {
                reply(out, "221 bye");
                return;
              }
              default -> reply(out, "250 ok");
            }
          }
        } catch (IOException e) {
          return;
        }
      }
    }

    private static void reply(Writer out, String line) throws IOException {
      out.write(line + "\r\n");
      out.flush();
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  private SmtpSink sink;

  @BeforeEach
  void startSink() throws IOException {
    sink = new SmtpSink();
  }

  @AfterEach
  void stopSink() throws IOException {
    sink.close();
  }

  @Test
  void whenAMessageIsSentThenTheSmtpServerReceivesItInUtf8FromTheConfiguredSender() {
    JavaMailSenderImpl mail = new JavaMailSenderImpl();
    mail.setHost("127.0.0.1");
    mail.setPort(sink.port());
    mail.setDefaultEncoding("UTF-8");
    SmtpEmailSender sender = new SmtpEmailSender(mail, "IdNum <no-reply@idnum.example>");

    sender.send(
        new EmailMessage(
            EmailAddress.of("Zoé.Côté@exemple.ca"),
            "IdNum : votre code de confirmation",
            "Votre code de confirmation IdNum est : 12345678"));

    assertThat(sink.messages)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m).contains("From: IdNum <no-reply@idnum.example>", "To: ");
              assertThat(m).containsIgnoringCase("charset=UTF-8");
            });
  }

  @Test
  void whenSpringMailHostIsSetThenTheDefaultSenderIsSmtpOtherwiseTheLog() {
    ApplicationContextRunner runner =
        new ApplicationContextRunner()
            .withConfiguration(
                AutoConfigurations.of(
                    MailSenderAutoConfiguration.class, MessageSourceAutoConfiguration.class))
            .withUserConfiguration(EmailConfiguration.class);

    runner
        .withPropertyValues("spring.mail.host=127.0.0.1", "spring.mail.port=" + sink.port())
        .run(
            context -> {
              assertThat(context).hasSingleBean(EmailSender.class);
              assertThat(context.getBean(EmailSender.class)).isInstanceOf(SmtpEmailSender.class);
              context
                  .getBean(EmailSender.class)
                  .send(new EmailMessage(EmailAddress.of("a@exemple.ca"), "Sujet", "Corps"));
              assertThat(sink.messages).hasSize(1);
            });
    runner.run(
        context -> {
          assertThat(context).hasSingleBean(EmailSender.class);
          assertThat(context.getBean(EmailSender.class)).isInstanceOf(LoggingEmailSender.class);
          assertThat(context.getBean(LoggingEmailSender.class).includesContent()).isTrue();
        });
    runner
        .withPropertyValues("spring.profiles.active=production")
        .run(
            context ->
                assertThat(context.getBean(LoggingEmailSender.class).includesContent()).isFalse());
  }
}
