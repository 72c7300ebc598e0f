package io.github.lpconnector.camel.internal;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The pace's arithmetic on instants the test hands in: spacing, slow start, the pause and decrease, the increase. */
class PaceRateTest {

    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final long T0 = 1_000_000 * MS;

    /** Sends one request at each instant the pace allows, from {@code from} for {@code millis}; returns how many. */
    private static int sendWhileAllowed(PaceRate rate, long from, long millis, boolean accepted) {
        int sent = 0;
        for (long now = from; now < from + millis * MS; now += MS) {
            if (rate.mayLeave(now)) {
                rate.left(now);
                sent++;
                if (accepted) {
                    rate.accepted(now, true);
                }
            }
        }
        return sent;
    }

    @Test
    void aKnownLimitIsTheStartAndTheCeilingAndRequestsAreEvenlySpaced() {
        PaceRate rate = new PaceRate(10, T0);

        assertThat(rate.rate()).isEqualTo(10.0);
        assertThat(rate.mayLeave(T0)).isTrue();
        rate.left(T0);
        assertThat(rate.nextDeparture()).isEqualTo(T0 + 100 * MS - PaceRate.TOLERANCE_NANOS);
        assertThat(rate.mayLeave(T0 + 50 * MS)).isFalse();
        // ten seconds of accepted requests: ten a second, never more
        assertThat(sendWhileAllowed(rate, T0 + 1, 10_000, true)).isBetween(99, 101);
        assertThat(rate.rate()).isEqualTo(10.0);
    }

    @Test
    void withoutALimitTheRateStartsAtTwentyAndGrowsExponentiallyWhileRequestsWaitAndAreAccepted() {
        PaceRate rate = new PaceRate(0, T0);
        assertThat(rate.rate()).isEqualTo(PaceRate.START_RATE);

        sendWhileAllowed(rate, T0, 1_000, true);
        double afterOneSecond = rate.rate();
        int sentInTheSecondSecond = sendWhileAllowed(rate, T0 + 1_000 * MS, 1_000, true);

        assertThat(afterOneSecond).isGreaterThan(PaceRate.START_RATE * 2);
        assertThat(rate.rate()).isGreaterThan(afterOneSecond * 2).isLessThanOrEqualTo(2.0 * sentInTheSecondSecond);
    }

    @Test
    void theSlowStartNeverRunsAheadOfTwiceTheRateRequestsLeaveAt() {
        PaceRate rate = new PaceRate(0, T0);
        // requests wait for their turn, but something else lets only 30 a second leave
        for (long now = T0; now < T0 + 5_000 * MS; now += 1_000 * MS / 30) {
            rate.left(now);
            rate.accepted(now + MS, true);
        }
        assertThat(rate.rate()).isLessThanOrEqualTo(2 * 31.0).isGreaterThan(PaceRate.START_RATE);
    }

    @Test
    void slowAnswersDoNotSlowTheStart() {
        PaceRate rate = new PaceRate(0, T0);
        // requests leave as the pace allows; each answer comes 2 s after its request left
        java.util.ArrayDeque<Long> inFlight = new java.util.ArrayDeque<>();
        for (long now = T0; now < T0 + 6_000 * MS; now += MS) {
            while (!inFlight.isEmpty() && inFlight.peekFirst() + 2_000 * MS <= now) {
                inFlight.pollFirst();
                rate.accepted(now, true);
            }
            if (rate.mayLeave(now)) {
                rate.left(now);
                inFlight.addLast(now);
            }
        }
        // four seconds of answers: past a thousand a second, as it would be with answers at once
        assertThat(rate.rate()).isGreaterThan(1_000);
    }

    @Test
    void theRateDoesNotGrowWhileNothingWaitsForIt() {
        PaceRate rate = new PaceRate(0, T0);
        for (long now = T0; now < T0 + 10_000 * MS; now += 500 * MS) { // two a second, each leaving at once
            rate.left(now);
            rate.accepted(now + MS, false);
        }
        assertThat(rate.rate()).isEqualTo(PaceRate.START_RATE);
    }

    @Test
    void a429PausesEveryRequestAndLowersTheRateOncePerOverload() {
        PaceRate rate = new PaceRate(0, T0);
        int accepted = sendWhileAllowed(rate, T0, 2_000, true); // slow start: far above what a second accepts
        long now = T0 + 2_000 * MS;
        double before = rate.rate();

        assertThat(rate.rateLimited(now, now - 5 * MS, 1_000 * MS)).as("a pause starts").isTrue();

        double after = rate.rate();
        assertThat(after).isLessThan(before).isLessThanOrEqualTo(accepted * PaceRate.DECREASE);
        assertThat(rate.mayLeave(now + 999 * MS)).isFalse();
        assertThat(rate.nextDeparture()).isEqualTo(now + 1_000 * MS);
        // another request that left before the decrease: the same overload, no second decrease, no new pause
        assertThat(rate.rateLimited(now + 10 * MS, now - 2 * MS, 1_000 * MS)).isFalse();
        assertThat(rate.rate()).isEqualTo(after);
        assertThat(rate.mayLeave(now + 1_010 * MS)).isTrue();
        assertThat(rate.pausedFor(now + 1_010 * MS)).isZero();
    }

    @Test
    void afterADecreaseTheRateGrowsByATenthOfTheDecreasedRateEachSecondUpToTheCeiling() {
        PaceRate rate = new PaceRate(100, T0);
        sendWhileAllowed(rate, T0, 1_000, true); // about 100 accepted in the last second
        long now = T0 + 1_000 * MS;
        rate.rateLimited(now, now - MS, 1_000 * MS);
        double decreased = rate.rate();
        // 0.8 x what the last second accepted (its slices of 100 ms: 90 to 101 requests)
        assertThat(decreased).isBetween(0.8 * 88, 0.8 * 102);

        sendWhileAllowed(rate, now + 1_000 * MS, 1_000, true); // one second of accepted, waiting requests

        assertThat(rate.rate()).isCloseTo(decreased + decreased / PaceRate.DECREASE / 10, within(1.5));
        sendWhileAllowed(rate, now + 2_000 * MS, 5_000, true);
        assertThat(rate.rate()).isEqualTo(100.0);
    }

    @Test
    void aLowerCapOfAnotherEndpointOfTheAccountWins() {
        PaceRate rate = new PaceRate(0, T0);
        rate.capAt(5);
        rate.capAt(0); // unknown: changes nothing
        rate.capAt(50);

        sendWhileAllowed(rate, T0, 3_000, true);

        assertThat(rate.rate()).isEqualTo(5.0);
    }

    @Test
    void aFirst429AfterAQuietSpellNeverStopsThePace() {
        PaceRate rate = new PaceRate(0, T0);
        long now = T0 + 60_000 * MS;
        rate.left(now);

        rate.rateLimited(now + MS, now, 1_000 * MS);

        assertThat(rate.rate()).isEqualTo(PaceRate.MIN_RATE);
        assertThat(sendWhileAllowed(rate, now + 1_001 * MS, 3_000, true)).as("requests still leave").isPositive();
        assertThat(rate.rate()).isGreaterThan(PaceRate.MIN_RATE);
    }
}
