package org.duallist.local.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The publisher's token as Axon's Jackson serializer stores a {@code GapAwareTrackingToken} in
 * {@code tokenentry} (as read from a crash test's stack): an event is sent when it is at or below the
 * index and not one of the gaps, which were not committed yet when the publisher passed them.
 */
class PublisherLagTest {

    @Test
    void anEventIsSentWhenAtOrBelowTheTokensIndexAndNotInItsGaps() throws Exception {
        PublisherLag.Position position = PublisherLag.Position.ofToken(
                "{\"index\":1317,\"gaps\":[9,12,911]}".getBytes(StandardCharsets.UTF_8));

        assertThat(position.index()).isEqualTo(1317);
        assertThat(position.gaps()).containsExactly(9L, 12L, 911L);
        assertThat(position.covers(1160)).isTrue();
        assertThat(position.covers(1317)).isTrue();
        assertThat(position.covers(911)).isFalse();
        assertThat(position.covers(1318)).isFalse();
    }

    @Test
    void withoutATokenNothingIsSent() throws Exception {
        PublisherLag.Position position = PublisherLag.Position.ofToken(null);

        assertThat(position.covers(0)).isFalse();
        assertThat(PublisherLag.Position.ofToken("{\"index\":4,\"gaps\":[]}".getBytes(StandardCharsets.UTF_8)).covers(0)).isTrue();
    }
}
