package ca.idnum.sdk.statuslist;

import static ca.idnum.sdk.statuslist.StatusListAssertions.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StatusListTest {

  @Test
  void whenIndexZeroIsSetThenItIsTheLeastSignificantBitOfByteZero() {
    StatusList list = new StatusListBuilder(StatusBits.ONE, 16).set(0, TokenStatus.INVALID).build();

    assertThat(list.toByteArray()).containsExactly(0x01, 0x00);
  }

  @Test
  void whenIndexSevenIsSetThenItIsTheMostSignificantBitOfByteZero() {
    StatusList list = new StatusListBuilder(StatusBits.ONE, 16).set(7, TokenStatus.INVALID).build();

    assertThat(list.toByteArray()).containsExactly(0x80, 0x00);
  }

  @Test
  void whenTwoBitEntriesAreSetThenEachIndexTakesTwoBitsFromTheLeastSignificantEnd() {
    StatusList list =
        new StatusListBuilder(StatusBits.TWO, 4)
            .set(0, TokenStatus.INVALID)
            .set(1, TokenStatus.SUSPENDED)
            .set(3, TokenStatus.of(3))
            .build();

    assertThat(list.toByteArray()).containsExactly(0b11_00_10_01);
  }

  @Test
  void whenFourBitEntriesAreSetThenIndexZeroIsTheLowNibble() {
    StatusList list =
        new StatusListBuilder(StatusBits.FOUR, 2)
            .set(0, TokenStatus.of(0xA))
            .set(1, TokenStatus.of(0x5))
            .build();

    assertThat(list.toByteArray()).containsExactly(0x5A);
  }

  @Test
  void whenEightBitEntriesAreSetThenEachIndexIsOneByte() throws Exception {
    StatusList list =
        new StatusListBuilder(StatusBits.EIGHT, 3).set(1, TokenStatus.of(0xFE)).build();

    assertThat(list.toByteArray()).containsExactly(0x00, 0xFE, 0x00);
    assertThat(list.status(1)).isEqualTo(TokenStatus.of(254));
  }

  @Test
  void whenAStatusIsOverwrittenThenTheNeighboursKeepTheirValues() {
    StatusListBuilder builder =
        new StatusListBuilder(StatusBits.TWO, 4)
            .set(0, TokenStatus.of(3))
            .set(1, TokenStatus.of(3))
            .set(2, TokenStatus.of(3));

    builder.set(1, TokenStatus.VALID);

    assertThat(builder.get(0)).isEqualTo(TokenStatus.of(3));
    assertThat(builder.get(1)).isEqualTo(TokenStatus.VALID);
    assertThat(builder.get(2)).isEqualTo(TokenStatus.of(3));
  }

  @ParameterizedTest
  @EnumSource(StatusBits.class)
  void whenTheSizeIsNotAMultipleOfABytesEntriesThenTheArrayIsRoundedUp(StatusBits bits) {
    int size = bits.entriesPerByte() * 3 + 1;

    StatusList list = new StatusListBuilder(bits, size).build();

    assertThat(list.toByteArray()).hasSize(bits == StatusBits.EIGHT ? size : 4);
  }

  @Test
  void whenAStatusDoesNotFitTheBitsThenTheBuilderRefusesIt() {
    StatusListBuilder builder = new StatusListBuilder(StatusBits.ONE, 8);

    assertThatThrownBy(() -> builder.set(0, TokenStatus.SUSPENDED))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void whenTheBuilderIndexIsOutsideTheListThenItIsRefused() {
    StatusListBuilder builder = new StatusListBuilder(StatusBits.ONE, 8);

    assertThatThrownBy(() -> builder.set(8, TokenStatus.INVALID))
        .isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> builder.set(-1, TokenStatus.INVALID))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void whenALookupIsBeyondTheListThenIndexOutOfRangeIsReported() {
    StatusList list = new StatusListBuilder(StatusBits.ONE, 16).build();

    StatusListError beyond = refused(() -> list.status(16));
    StatusListError negative = refused(() -> list.status(-1));

    assertThat(beyond).isEqualTo(new StatusListError.IndexOutOfRange(16, 16));
    assertThat(negative).isInstanceOf(StatusListError.IndexOutOfRange.class);
    assertThat(beyond.code()).isEqualTo("index_out_of_range");
  }

  @Test
  void whenTheListIsEmptyThenEveryIndexIsOutOfRange() throws Exception {
    StatusList list =
        StatusList.fromLst(
            StatusBits.ONE,
            new StatusListBuilder(StatusBits.ONE, 0).build().toLst(),
            StatusListLimits.defaults());

    assertThat(list.size()).isZero();
    assertThat(refused(() -> list.status(0))).isInstanceOf(StatusListError.IndexOutOfRange.class);
  }

  @Test
  void whenBuiltFromAnExistingListThenEntriesAreKeptAndTheOriginalIsUnchanged() throws Exception {
    StatusList original =
        new StatusListBuilder(StatusBits.TWO, 8).set(5, TokenStatus.INVALID).build();

    StatusList updated = StatusListBuilder.from(original).set(6, TokenStatus.SUSPENDED).build();

    assertThat(updated.status(5)).isEqualTo(TokenStatus.INVALID);
    assertThat(updated.status(6)).isEqualTo(TokenStatus.SUSPENDED);
    assertThat(original.status(6)).isEqualTo(TokenStatus.VALID);
  }

  @Test
  void whenTheStatusTypesAreNamedThenTheyFollowSection71() {
    assertThat(TokenStatus.VALID.value()).isZero();
    assertThat(TokenStatus.INVALID.value()).isEqualTo(1);
    assertThat(TokenStatus.SUSPENDED.value()).isEqualTo(2);
    assertThat(TokenStatus.of(3).isApplicationSpecific()).isTrue();
    assertThat(TokenStatus.of(0x0B).isApplicationSpecific()).isFalse();
    assertThat(TokenStatus.of(0x0C).isApplicationSpecific()).isTrue();
    assertThat(TokenStatus.of(0x0F).isApplicationSpecific()).isTrue();
    assertThat(TokenStatus.of(0x10).isApplicationSpecific()).isFalse();
    assertThat(TokenStatus.of(0).isValid()).isTrue();
    assertThat(TokenStatus.SUSPENDED).hasToString("SUSPENDED");
    assertThat(TokenStatus.of(0x0C)).hasToString("0x0C");
    assertThatThrownBy(() -> TokenStatus.of(256)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TokenStatus(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void whenBitsAreChosenForAStatusThenTheSmallestFittingSizeIsReturned() {
    assertThat(StatusBits.smallestFor(1)).isEqualTo(StatusBits.ONE);
    assertThat(StatusBits.smallestFor(2)).isEqualTo(StatusBits.TWO);
    assertThat(StatusBits.smallestFor(15)).isEqualTo(StatusBits.FOUR);
    assertThat(StatusBits.smallestFor(16)).isEqualTo(StatusBits.EIGHT);
    assertThat(StatusBits.fromBits(3)).isEmpty();
    assertThatThrownBy(() -> StatusBits.of(16)).isInstanceOf(IllegalArgumentException.class);
  }
}
