import { Module } from '@nestjs/common';
import { ArchivesModule } from '@health/archives';
import { CardsModule } from '@health/cards';
import { AdviceSeeder } from './advice/advice-seeder';
import { AdviceSetRepository } from './advice/advice-set.repository';
import { AdviceTemplateRepository } from './advice/advice-template.repository';
import { AdviceTemplatesController } from './advice/advice-templates.controller';
import { AdviceTemplatesService } from './advice/advice-templates.service';
import { ClientAdviceController } from './advice/client-advice.controller';
import { ClientAdviceHandlers } from './advice/client-advice.handlers';
import { ClientAdviceService } from './advice/client-advice.service';

/** Interventions: for now the advice library and clients' advice sets (健康建议). */
@Module({
  imports: [CardsModule, ArchivesModule],
  controllers: [AdviceTemplatesController, ClientAdviceController],
  providers: [
    AdviceTemplateRepository,
    AdviceSetRepository,
    AdviceSeeder,
    AdviceTemplatesService,
    ClientAdviceService,
    ClientAdviceHandlers,
  ],
  exports: [AdviceTemplatesService, ClientAdviceService],
})
export class InterventionsModule {}
