export * from './interventions.module';
export * from './interventions.migrations';
export { AdviceSeeder } from './advice/advice-seeder';
export { AdviceTemplatesService } from './advice/advice-templates.service';
export { ClientAdviceService } from './advice/client-advice.service';
export { ADVICE_CATEGORIES, type AdviceCategory } from './advice/advice-category';
export * from './advice/dto/advice-template.dto';
export * from './advice/dto/client-advice.dto';
