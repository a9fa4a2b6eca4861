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

  @Get('sala-de-prensa') @Public() newsroom(@Res() res: Response) { this.page(res, 'soon.newsroom'); }
  @Get('comunicados') @Roles('press', 'director') releases(@Res() res: Response) { this.page(res, 'nav.releases'); }
  @Get('banco') @Roles('press') bank(@Res() res: Response) { this.page(res, 'nav.bank'); }
  @Get('redes') @Roles('press') social(@Res() res: Response) { this.page(res, 'nav.social'); }
  @Get('monitoreo') @Roles('press') monitoring(@Res() res: Response) { this.page(res, 'nav.monitoring'); }
  @Get('convenios') @Roles('press', 'director') agreements(@Res() res: Response) { this.page(res, 'nav.agreements'); }
  @Get('campanas') @Roles('press', 'director') campaigns(@Res() res: Response) { this.page(res, 'nav.campaigns'); }
  @Get('transparencia') @Roles('press', 'admin') transparency(@Res() res: Response) { this.page(res, 'nav.transparency'); }
}
