package io.github.lpconnector.camel.store;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import io.github.lpconnector.camel.LeasedJdbcIdempotentRepository;
import io.github.lpconnector.camel.LivePersonConnectorException;
import io.github.lpconnector.camel.support.SharedPostgres;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The leased idempotent repository on a real PostgreSQL server, each "instance" a repository with its own
 * connections: add is atomic across them, a confirmed key is a duplicate, a key in progress under a live lease is
 * neither, and a key whose holder stopped renewing (killed) is taken over once.
 */
class LeasedJdbcIdempotentRepositoryTest {

    private static final AtomicInteger RUN = new AtomicInteger();

    private static LeasedJdbcIdempotentRepository instance(String name, long leaseMillis) {
        LeasedJdbcIdempotentRepository repository = new LeasedJdbcIdempotentRepository(
                SharedPostgres.get().dataSource(), name);
        repository.setLeaseMillis(leaseMillis);
        repository.start();
        return repository;
    }

    private static String name() {
        return "leased-test-" + RUN.incrementAndGet();
    }

    @Test
    void aConfirmedKeyIsADuplicateEverywhereAndARemovedOneIsNew() {
        String name = name();
        LeasedJdbcIdempotentRepository first = instance(name, 5_000);
        LeasedJdbcIdempotentRepository second = instance(name, 5_000);
        try {
            assertThat(first.add("k1")).isTrue();
            assertThat(first.confirm("k1")).isTrue();
            assertThat(second.add("k1")).as("done: a duplicate").isFalse();
            assertThat(second.contains("k1")).isTrue();

            assertThat(first.add("k2")).isTrue();
            assertThat(first.remove("k2")).isTrue();
            assertThat(second.contains("k2")).isFalse();
            assertThat(second.add("k2")).as("removed after a failure: new again").isTrue();
        } finally {
            first.stop();
            second.stop();
        }
    }

    @Test
    void aKeyInProgressUnderALiveLeaseIsRefusedThenTakenOverOnceItsHolderIsGone() {
        String name = name();
        LeasedJdbcIdempotentRepository holder = instance(name, 600);
        LeasedJdbcIdempotentRepository other = instance(name, 600);
        LeasedJdbcIdempotentRepository third = instance(name, 600);
        try {
            assertThat(holder.add("k")).isTrue();
            assertThatThrownBy(() -> other.add("k")).isInstanceOf(LivePersonConnectorException.class)
                    .hasMessageContaining("in progress elsewhere");
            // the holder renews: the lease outlives several lease times
            long until = System.currentTimeMillis() + 2_000;
            await().atMost(Duration.ofSeconds(10)).until(() -> System.currentTimeMillis() > until);
            assertThat(other.contains("k")).isTrue();
            assertThatThrownBy(() -> other.add("k")).hasMessageContaining("in progress elsewhere");

            holder.stop(); // as killed: no renewal, no remove
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !other.contains("k"));
            assertThat(other.add("k")).as("taken over").isTrue();
            assertThatThrownBy(() -> third.add("k")).hasMessageContaining("in progress elsewhere");
            assertThat(other.confirm("k")).isTrue();
            assertThat(third.add("k")).isFalse();
            assertThat(holder.confirm("k")).as("the old holder no longer holds it").isFalse();
        } finally {
            other.stop();
            third.stop();
        }
    }

    /** The shared server, refusing connections while {@code down} is set, as a database that went away would. */
    private static DataSource failing(AtomicBoolean down) {
        DataSource real = SharedPostgres.get().dataSource();
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && down.get()) {
                        throw new SQLException("connection refused", "08001");
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void aConfirmationTheDatabaseRefusedIsDoneWithALaterRenewalAndTheKeyStaysHeldMeanwhile() {
        String name = name();
        AtomicBoolean down = new AtomicBoolean();
        LeasedJdbcIdempotentRepository holder = new LeasedJdbcIdempotentRepository(failing(down), name);
        holder.setLeaseMillis(5_000);
        holder.start();
        LeasedJdbcIdempotentRepository other = instance(name, 5_000);
        try {
            assertThat(holder.add("k")).isTrue();
            down.set(true);
            assertThat(holder.confirm("k")).as("not confirmed yet").isFalse();
            assertThatThrownBy(() -> other.add("k")).hasMessageContaining("in progress elsewhere");
            down.set(false);
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> !other.add("k"));
        } finally {
            holder.stop();
            other.stop();
        }
    }

    @Test
    void concurrentAddsOfOneKeyOnEightInstancesLetExactlyOneThrough() throws Exception {
        String name = name();
        int instances = 8;
        List<LeasedJdbcIdempotentRepository> repositories = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            repositories.add(instance(name, 30_000));
        }
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try {
            for (int round = 0; round < 50; round++) {
                String key = "race-" + round;
                CyclicBarrier start = new CyclicBarrier(instances);
                List<CompletableFuture<Boolean>> adds = new ArrayList<>();
                for (LeasedJdbcIdempotentRepository repository : repositories) {
                    adds.add(CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                            return repository.add(key);
                        } catch (LivePersonConnectorException inProgress) {
                            return false;
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }, pool));
                }
                long winners = adds.stream().filter(CompletableFuture::join).count();
                assertThat(winners).as("instances that got " + key).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
            repositories.forEach(LeasedJdbcIdempotentRepository::stop);
        }
    }
}
