package ca.idnum.sdk.statuslist;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random statuses → build → compress → base64url → decode gives back exactly those statuses. */
class StatusListPropertiesTest {

  record Case(StatusBits bits, List<Integer> statuses) {}

  @Property(tries = 300)
  void whenRandomStatusesAreEncodedThenDecodingGivesThemBack(@ForAll("cases") Case c)
      throws Exception {
    StatusListBuilder builder = new StatusListBuilder(c.bits(), c.statuses().size());
    for (int i = 0; i < c.statuses().size(); i++) {
      builder.set(i, TokenStatus.of(c.statuses().get(i)));
    }
    StatusList built = builder.build();

    StatusList decoded = StatusList.fromLst(c.bits(), built.toLst(), StatusListLimits.defaults());

    assertThat(decoded).isEqualTo(built);
    assertThat(decoded.size()).isGreaterThanOrEqualTo(c.statuses().size());
    for (int i = 0; i < c.statuses().size(); i++) {
      assertThat(decoded.statusValue(i)).isEqualTo(c.statuses().get(i));
    }
    for (long i = c.statuses().size(); i < decoded.size(); i++) {
      assertThat(decoded.status(i)).isEqualTo(TokenStatus.VALID);
    }
  }

  @Provide
  Arbitrary<Case> cases() {
    return Arbitraries.of(StatusBits.class)
        .flatMap(
            bits ->
                Combinators.combine(
                        Arbitraries.just(bits),
                        Arbitraries.integers()
                            .between(0, bits.maxValue())
                            .list()
                            .ofMinSize(0)
                            .ofMaxSize(2000))
                    .as(Case::new));
  }
}
