import { HealthArchiveVersion } from './health-archive-version.entity';
import { HealthArchive } from './health-archive.entity';

export { HealthArchive, HealthArchiveVersion };

export const ARCHIVE_PROFILE_ENTITIES = [HealthArchive, HealthArchiveVersion];
