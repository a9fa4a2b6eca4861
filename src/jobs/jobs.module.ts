import { Global, Module } from '@nestjs/common';
import { JobsRepository } from './jobs.repository';
import { Scheduler } from './scheduler';

/** Scheduled work that runs once across instances: every periodic job registers with Scheduler. */
@Global()
@Module({ providers: [JobsRepository, Scheduler], exports: [JobsRepository, Scheduler] })
export class JobsModule {}
