package dev.usercluster.follower.sessions;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a resuming client gets {@code event: reset}: only when its shard's stream dropped
 * entries after its position.
 */
class PresenceEventsTests {

	@Test
	void aStreamThatNeverTrimmedOwesNoResetEvenToAPositionBeforeItsFirstEntry() {
		// a shard that was empty when the client joined, with entries since
		assertThat(PresenceEvents.trimmedAfter("0-0", 3L, 3, "1700000000000-0", "1700000000002-0")).isFalse();
		assertThat(PresenceEvents.trimmedAfter("1-0", 3L, 3, "1700000000000-0", "1700000000002-0")).isFalse();
	}

	@Test
	void aPositionBeforeTheFirstEntryKeptOfATrimmedStreamGetsAReset() {
		assertThat(PresenceEvents.trimmedAfter("0-0", 5L, 3, "1700000000002-0", "1700000000004-0")).isTrue();
		assertThat(PresenceEvents.trimmedAfter("1700000000001-0", 5L, 3, "1700000000002-0", "1700000000004-0"))
			.isTrue();
	}

	@Test
	void aPositionAtOrAfterTheFirstEntryKeptGetsNone() {
		assertThat(PresenceEvents.trimmedAfter("1700000000002-0", 5L, 3, "1700000000002-0", "1700000000004-0"))
			.isFalse();
		assertThat(PresenceEvents.trimmedAfter("1700000000003-0", 5L, 3, "1700000000002-0", "1700000000004-0"))
			.isFalse();
	}

	@Test
	void aStreamTrimmedEmptyOwesAResetToEveryPositionBeforeItsLastId() {
		assertThat(PresenceEvents.trimmedAfter("1700000000003-0", 5L, 0, null, "1700000000004-0")).isTrue();
		assertThat(PresenceEvents.trimmedAfter("1700000000004-0", 5L, 0, null, "1700000000004-0")).isFalse();
	}

	@Test
	void beforeRedisSevenAPositionBeforeTheFirstEntryGetsAResetButNotTheEmptyPosition() {
		assertThat(PresenceEvents.trimmedAfter("1-0", null, 3, "1700000000002-0", "1700000000004-0")).isTrue();
		assertThat(PresenceEvents.trimmedAfter("0-0", null, 3, "1700000000002-0", "1700000000004-0")).isFalse();
	}

}
