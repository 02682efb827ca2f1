package org.electionrecon.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class KnownSettingsTests {

	@Nested
	class Names {

		@Test
		void shouldListEverySettingOfTheTwoRecordsAndTheOthersUnderTheirDocumentedNames() {
			assertThat(KnownSettings.names()).containsExactly("recon.chunk-size", "recon.reconcile-chunk-size",
					"recon.header-synonyms", "recon.parties", "recon.checks.box-variance-error-at",
					"recon.checks.count-vs-verified-error-at", "recon.checks.rejected-rate-max-percent",
					"recon.checks.turnout-change-max-points", "recon.checks.electorate-change-max-percent",
					"recon.database-dir", "recon.status-file", "recon.partitioning.handler", "recon.postgres.host", "recon.postgres.port", "recon.postgres.database",
					"recon.postgres.username", "recon.postgres.password");
		}

		@Test
		void shouldKnowASettingInEachOfSpringsRelaxedForms() {
			assertThat(KnownSettings.isKnownOrForeign("recon.checks.box-variance-error-at")).isTrue();
			assertThat(KnownSettings.isKnownOrForeign("recon.checks.boxVarianceErrorAt")).isTrue();
			assertThat(KnownSettings.isKnownOrForeign("recon.checks.box_variance_error_at")).isTrue();
			assertThat(KnownSettings.isKnownOrForeign("RECON.CHECKS.BOX-VARIANCE-ERROR-AT")).isTrue();
		}

		@Test
		void shouldTakeAnyKeyBelowAMapSetting() {
			assertThat(KnownSettings.isKnownOrForeign("recon.parties[Scottish Greens]")).isTrue();
			assertThat(KnownSettings.isKnownOrForeign("recon.header-synonyms[verification.issued][0]")).isTrue();
		}

		@Test
		void shouldLeaveOtherPrefixesAndTheTestHooksAlone() {
			assertThat(KnownSettings.isKnownOrForeign("spring.datasource.url")).isTrue();
			assertThat(KnownSettings.isKnownOrForeign("reconciliation.x")).isTrue();
			assertThat(KnownSettings.isKnownOrForeign("recon.testing.pause-at")).isTrue();
		}

		@Test
		void shouldNotKnowATypo() {
			assertThat(KnownSettings.isKnownOrForeign("recon.checks.box-varience-error-at")).isFalse();
			assertThat(KnownSettings.isKnownOrForeign("recon.check.box-variance-error-at")).isFalse();
			assertThat(KnownSettings.isKnownOrForeign("recon.chunksize.x")).isFalse();
		}
	}

	@Nested
	class Nearest {

		@Test
		void shouldNameTheSettingATypoMeant() {
			assertThat(KnownSettings.nearest("recon.checks.box-varience-error-at"))
				.isEqualTo("recon.checks.box-variance-error-at");
			assertThat(KnownSettings.nearest("recon.check.rejected-rate-max")).isEqualTo("recon.checks.rejected-rate-max-percent");
			assertThat(KnownSettings.nearest("recon.chunkSise")).isEqualTo("recon.chunk-size");
			assertThat(KnownSettings.nearest("recon.postgres.hots")).isEqualTo("recon.postgres.host");
		}

		@Test
		void shouldNameTheBundledProfileATypoMeant() {
			assertThat(KnownSettings.nearestProfile("postgress")).contains("postgres");
			assertThat(KnownSettings.nearestProfile("Postgre")).contains("postgres");
			assertThat(KnownSettings.nearestProfile("production")).isEmpty();
		}

		@Test
		void shouldCountOneLetterEdits() {
			assertThat(KnownSettings.distance("variance", "varience")).isEqualTo(1);
			assertThat(KnownSettings.distance("", "abc")).isEqualTo(3);
			assertThat(KnownSettings.distance("kitten", "sitting")).isEqualTo(3);
		}
	}

	@Test
	void shouldKnowTheBundledProfileAndTheDefaultButNoOther() {
		ClassLoader loader = KnownSettingsTests.class.getClassLoader();
		assertThat(KnownSettings.isKnownProfile("postgres", loader)).isTrue();
		assertThat(KnownSettings.isKnownProfile("default", loader)).isTrue();
		assertThat(KnownSettings.isKnownProfile("postgress", loader)).isFalse();
	}

	@Test
	void shouldWriteARecordComponentAsItsDocumentedName() {
		assertThat(KnownSettings.dashed("boxVarianceErrorAt")).isEqualTo("box-variance-error-at");
		assertThat(KnownSettings.dashed("parties")).isEqualTo("parties");
	}
}
