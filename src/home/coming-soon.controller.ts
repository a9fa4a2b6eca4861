import { Controller, Get, Res } from '@nestjs/common';
import type { Response } from 'express';
import { Public, Roles } from '../common/access.decorators';
import { render } from '../common/render';

/**
 * Addresses of ARCHITECTURE.md whose module has not landed yet. Each issue that builds
 * a module removes its line here. The roles are already the final ones.
 */
@Controller()
export class ComingSoonController {
  private page(res: Response, key: string) {
    render(res, 'home/coming-soon', { title: key });
  }

  @Get('correo') @Roles('press', 'attention', 'admin') mailbox(@Res() res: Response) { this.page(res, 'nav.mailbox'); }
}
