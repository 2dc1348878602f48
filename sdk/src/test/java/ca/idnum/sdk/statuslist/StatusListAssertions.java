package ca.idnum.sdk.statuslist;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicReference;

/** Asserts an operation is refused with a {@link StatusListException} and returns its error. */
final class StatusListAssertions {

  @FunctionalInterface
  interface Refusable {
    void run() throws Exception;
  }

  private StatusListAssertions() {}

  static StatusListError refused(Refusable action) {
    AtomicReference<StatusListError> error = new AtomicReference<>();
    assertThatThrownBy(action::run)
        .isInstanceOfSatisfying(StatusListException.class, e -> error.set(e.error()));
    return error.get();
  }
}
