import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { assetsDir } from '../web-paths.js';

const FILE = /^[a-z0-9][a-z0-9._-]*\.(js|css|map|svg|png|woff2)$/i;

/** The browser bundles (dist/public, built by scripts/build-web.mjs). Flat names only. */
@ApiExcludeController()
@Controller('assets')
export class AssetsController {
  private readonly root = assetsDir();

  @Get(':file')
  file(@Param('file') file: string, @Res() res: Response) {
    if (!FILE.test(file) || !existsSync(path.join(this.root, file))) throw new NotFoundException(`No asset ${file}`);
    res.sendFile(file, { root: this.root, maxAge: '1h', dotfiles: 'deny' });
  }
}
