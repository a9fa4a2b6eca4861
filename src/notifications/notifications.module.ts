import { Global, Module } from '@nestjs/common';
import { Mailer } from './mailer';
import { OutboxController } from './outbox.controller';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';
import { OutboxWorker } from './outbox.worker';

@Global()
@Module({
  controllers: [OutboxController],
  providers: [Mailer, OutboxRepository, OutboxService, OutboxWorker],
  exports: [Mailer, OutboxService, OutboxWorker],
})
export class NotificationsModule {}
