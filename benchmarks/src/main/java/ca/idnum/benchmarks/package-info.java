/**
 * JMH benchmarks of the IdNum SDK. Run them from the shaded jar ({@code java -jar
 * benchmarks/target/benchmarks.jar}); the Maven build only compiles them and runs the unit tests
 * that check each benchmark does the work it claims. Results and the exact command are in {@code
 * docs/performance.md}.
 */
package ca.idnum.benchmarks;
