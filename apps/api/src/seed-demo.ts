import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { PinoNestLogger } from '@health/core';
import { AppModule } from './app.module';
import { seedDemoData } from './demo-data';
import { printDemoSummary } from './demo-logins';
import { prepareRuntime } from './runtime';

/** `npm run seed:demo`: adds the demo organisation and staff to the configured database. */
async function seedDemo(): Promise<void> {
  const runtime = await prepareRuntime();
  // Only seeding here: no job processors in this short-lived process.
  runtime.config.runWorker = 'separate';
  const app = await NestFactory.createApplicationContext(
    AppModule.register({ config: runtime.config, database: runtime.database }),
    {
      logger: new PinoNestLogger(runtime.logger),
    },
  );
  try {
    printDemoSummary(await seedDemoData(app));
  } finally {
    await app.close();
    await runtime.stopDatabase();
  }
}

seedDemo().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
