package ca.idnum.auth.citizen.password;

import java.util.ArrayDeque;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator.Block;

/**
 * The memory of one Argon2 computation, kept and reused by the next one: Bouncy Castle takes each 1
 * KiB block from this pool and gives it back, cleared, when the computation ends. Without it, every
 * computation allocates its whole memory cost afresh (19 MiB by default, over a gigabyte a second
 * under a login load on two cores), and the collector copies the blocks of the computations in
 * progress at every young collection.
 *
 * <p>Not thread-safe: one computation at a time holds it ({@link PasswordHasher} hands the memories
 * out). The blocks are handed out in the order they were given back, so each computation walks them
 * in nearly the same order as the last (shifted by the few working blocks). A computation with a
 * larger memory cost than the one this pool was made for (a stored hash with stronger parameters)
 * gets fresh blocks for the excess, which are not kept.
 */
final class Argon2Memory implements Argon2BytesGenerator.BlockPool {

  /** Blocks Bouncy Castle takes beside the memory cost (address and input blocks). */
  private static final int WORKING_BLOCKS = 8;

  private final int capacity;
  private final ArrayDeque<Block> free;

  Argon2Memory(int memoryKib) {
    this.capacity = memoryKib + WORKING_BLOCKS;
    this.free = new ArrayDeque<>(capacity);
    for (int i = 0; i < capacity; i++) {
      free.addLast(new Block());
    }
  }

  @Override
  public Block allocate() {
    Block block = free.pollFirst();
    return block != null ? block : new Block();
  }

  @Override
  public void deallocate(Block block) {
    if (free.size() < capacity) {
      free.addLast(block);
    }
  }

  /** Blocks held for the next computation. */
  int available() {
    return free.size();
  }
}
