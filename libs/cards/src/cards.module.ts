import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CryptoModule } from '@health/core';
import { IamModule } from '@health/iam';
import { CardTypeRepository } from './card-types/card-type.repository';
import { CardType } from './card-types/card-type.entity';
import { CardTypesController } from './card-types/card-types.controller';
import { CardTypesService } from './card-types/card-types.service';
import { CardFaceRenderer } from './cards/card-face.renderer';
import { CardsJobsModule } from './cards/cards-jobs.module';
import { CardsController } from './cards/cards.controller';
import { CardsService } from './cards/cards.service';
import { ClientImportFiles } from './client-imports/client-import-files';
import { ClientImportRunner } from './client-imports/client-import-runner';
import { CLIENT_IMPORT_ENTITIES } from './client-imports/client-import.entity';
import { ClientImportRepository } from './client-imports/client-import.repository';
import { ClientImportsController } from './client-imports/client-imports.controller';
import { ClientImportsProcessor } from './client-imports/client-imports.processor';
import { ClientImportsService } from './client-imports/client-imports.service';
import { ClientRepository } from './clients/client.repository';
import { ClientsController } from './clients/clients.controller';
import { ClientsService } from './clients/clients.service';
import { ClientConsent } from './clients/entities/client-consent.entity';
import { ClientUnmask } from './clients/entities/client-unmask.entity';
import { Client } from './clients/entities/client.entity';
import { CardsDemoSeeder } from './demo/cards-demo-seeder';

/** Clients (客户), card types and membership cards (开卡). */
@Module({
  imports: [
    TypeOrmModule.forFeature([Client, ClientConsent, ClientUnmask, CardType, ...CLIENT_IMPORT_ENTITIES]),
    CryptoModule,
    IamModule,
    CardsJobsModule,
  ],
  controllers: [ClientsController, CardTypesController, CardsController, ClientImportsController],
  providers: [
    ClientRepository,
    ClientsService,
    CardTypeRepository,
    CardTypesService,
    CardsService,
    CardFaceRenderer,
    CardsDemoSeeder,
    ClientImportRepository,
    ClientImportFiles,
    ClientImportsService,
    ClientImportRunner,
    ClientImportsProcessor,
  ],
  exports: [ClientsService, CardTypesService, CardsService, CardsDemoSeeder],
})
export class CardsModule {}
