import { Module } from '@nestjs/common';
import { ComingSoonController } from './coming-soon.controller';
import { HomeController } from './home.controller';

@Module({ controllers: [HomeController, ComingSoonController] })
export class HomeModule {}
