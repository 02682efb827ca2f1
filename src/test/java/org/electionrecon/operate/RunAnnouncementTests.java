package org.electionrecon.operate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunAnnouncementTests {

	@Test
	void shouldListTheSampleFilesOfEachFolderWithTheirSizes() {
		assertThat(RunAnnouncement.filesFound(Path.of("input"))).isEqualTo("register/ 1 file, 1.3 KB; verification/ 11"
				+ " files, 64 KB; declarations/ 2 files, 17 KB; notional/ 1 file, 5.2 KB; reported/ 1 file, 1.2 KB;"
				+ " explanations/ 1 file, 161 bytes; 17 files, 88 KB in all");
	}

	@Test
	void shouldSayWhichFoldersAreMissingOrEmptyAndCountNoIgnoredFile(@TempDir Path input) throws Exception {
		Files.createDirectories(input.resolve("verification"));
		Files.writeString(input.resolve("verification/~$lock.xlsx"), "x");
		Files.createDirectories(input.resolve("register"));
		Files.write(input.resolve("register/register.csv"), new byte[2000]);

		assertThat(RunAnnouncement.filesFound(input)).isEqualTo("register/ 1 file, 2.0 KB; verification/ no file;"
				+ " declarations/ missing; notional/ missing; reported/ not given; explanations/ not given; 1 file, 2.0 KB in all");
	}

	@Test
	void shouldWriteSizesAsAPersonReadsThem() {
		assertThat(RunAnnouncement.size(0)).isEqualTo("0 bytes");
		assertThat(RunAnnouncement.size(1)).isEqualTo("1 byte");
		assertThat(RunAnnouncement.size(999)).isEqualTo("999 bytes");
		assertThat(RunAnnouncement.size(1000)).isEqualTo("1.0 KB");
		assertThat(RunAnnouncement.size(28_000_000)).isEqualTo("28 MB");
		assertThat(RunAnnouncement.size(4_149_999)).isEqualTo("4.1 MB");
		assertThat(RunAnnouncement.size(5_400_000_000L)).isEqualTo("5.4 GB");
	}

	@Test
	void shouldNeverShowADatabasePassword() {
		assertThat(RunAnnouncement.withoutSecrets(
				"jdbc:postgresql://db.example.org:5432/election_recon?user=desk&password=s3cret&ApplicationName=x"))
			.isEqualTo("jdbc:postgresql://db.example.org:5432/election_recon?user=desk&password=***&ApplicationName=x");
		assertThat(RunAnnouncement.withoutSecrets("jdbc:postgresql://desk:s3cret@db.example.org/election_recon"))
			.isEqualTo("jdbc:postgresql://desk:***@db.example.org/election_recon");
		assertThat(RunAnnouncement.withoutSecrets("jdbc:hsqldb:file:/data/out/.election-recon-db/recon;shutdown=true;password=x"))
			.isEqualTo("jdbc:hsqldb:file:/data/out/.election-recon-db/recon");
		assertThat(RunAnnouncement.withoutSecrets("jdbc:sqlserver://h;user=a;Password=s3cret;db=x"))
			.isEqualTo("jdbc:sqlserver://h;user=a;Password=***;db=x");
	}
}
