export * from './archives.module';
export * from './archives.migrations';
export * from './archives.events';
export { ArchiveProfileService } from './profile/archive-profile.service';
export * from './profile/archive-profile';
export * from './profile/dto/archive-profile.dto';
export * from './profile/dto/archive.dto';
export { ArchivesDemoSeeder } from './demo/archives-demo-seeder';
