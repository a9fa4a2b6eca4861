import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public } from '../common/access.decorators';
import { render } from '../common/render';

/** The town hall's public pages. */
@Controller()
@Public()
export class HomeController {
  @Get()
  home(@Res() res: Response) {
    render(res, 'home/index', { title: 'home.title', isHome: true });
  }

  @Get('aviso-de-privacidad')
  privacy(@Res() res: Response) {
    render(res, 'home/privacy', { title: 'privacy.title' });
  }
}
