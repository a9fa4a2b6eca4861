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

  @Get('solicitudes/nueva') @Public() newRequest(@Res() res: Response) { this.page(res, 'soon.new_request'); }
  @Get('seguimiento') @Public() tracking(@Res() res: Response) { this.page(res, 'soon.tracking'); }
  @Get('sala-de-prensa') @Public() newsroom(@Res() res: Response) { this.page(res, 'soon.newsroom'); }
  @Get('casos') @Roles('attention', 'liaison', 'admin') cases(@Res() res: Response) { this.page(res, 'nav.cases'); }
  @Get('estadisticas') @Roles('attention', 'admin', 'director') stats(@Res() res: Response) { this.page(res, 'nav.statistics'); }
  @Get('correo') @Roles('press', 'attention', 'admin') mailbox(@Res() res: Response) { this.page(res, 'nav.mailbox'); }
  @Get('agenda') @Roles('press', 'liaison', 'director') agenda(@Res() res: Response) { this.page(res, 'nav.agenda'); }
  @Get('comunicados') @Roles('press', 'director') releases(@Res() res: Response) { this.page(res, 'nav.releases'); }
  @Get('banco') @Roles('press') bank(@Res() res: Response) { this.page(res, 'nav.bank'); }
  @Get('redes') @Roles('press') social(@Res() res: Response) { this.page(res, 'nav.social'); }
}
