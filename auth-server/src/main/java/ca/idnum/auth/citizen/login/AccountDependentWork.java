package ca.idnum.auth.citizen.login;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Runs the work that depends on whether an address has an account (storing a reset code or a
 * pending registration, writing the email) after the answer, off the request thread, so that the
 * forms that take an email address answer in the same time whether or not it has an account (no
 * enumeration by response time). A small bounded pool; a failed or dropped task is logged without
 * any address.
 */
public final class AccountDependentWork implements Executor, DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(AccountDependentWork.class);

  private final ThreadPoolExecutor pool;

  public AccountDependentWork() {
    AtomicInteger n = new AtomicInteger();
    pool =
        new ThreadPoolExecutor(
            2,
            2,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(1_000),
            r -> {
              Thread t = new Thread(r, "idnum-account-work-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    pool.allowCoreThreadTimeOut(true);
  }

  @Override
  public void execute(Runnable task) {
    try {
      pool.execute(
          () -> {
            try {
              task.run();
            } catch (RuntimeException e) {
              log.error("account-dependent work failed: {}", e.getClass().getSimpleName());
            }
          });
    } catch (RejectedExecutionException e) {
      log.error("account-dependent work queue full; task dropped");
    }
  }

  @Override
  public void destroy() throws InterruptedException {
    pool.shutdown();
    pool.awaitTermination(5, TimeUnit.SECONDS);
  }
}
