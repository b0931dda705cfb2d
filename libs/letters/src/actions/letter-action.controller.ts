import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiParam } from '@nestjs/swagger';
import type { AuthContext } from '#rally/access';
import { Auth, IdPipe, RequirePermission, StaffApi } from '#rally/access';
import type { Page, RallyConfig } from '#rally/core';
import { InjectConfig, InvalidInputError, isLanguage, LANGUAGES, pageOf, PageSchema, pageWindow } from '#rally/core';
import type { LetterActionTransition } from './letter-action.service.js';
import { LetterActionService } from './letter-action.service.js';
import {
  LetterActionCreateDto,
  LetterActionListQueryDto,
  LetterActionResponse,
  LetterActionUpdateDto,
  LetterPreviewDto,
  LetterPreviewResponse,
  LetterTemplateDto,
  LetterTemplateResponse,
  LetterTestModeDto,
  MergeFieldResponse,
  toLetterActionResponse,
  toTemplateResponse,
} from '../dto/letter-action.dto.js';
import type { LetterAction } from '../entities/letter-action.entity.js';
import { LetterPermission } from '../letters.permissions.js';
import { PublicLetterActions } from '../writing/public-letter-actions.js';
import { LetterPreviews } from './letter-previews.js';

const ACTION = new IdPipe('Letter action');

function languageParam(language: string): string {
  if (!isLanguage(language)) throw new InvalidInputError({ language: [`must be one of ${LANGUAGES.join(', ')}`] });
  return language;
}

@StaffApi('letters')
@Controller('api/orgs/:orgSlug')
export class LetterActionController {
  constructor(
    private readonly actions: LetterActionService,
    private readonly previews: LetterPreviews,
    private readonly publicActions: PublicLetterActions,
    @InjectConfig() private readonly config: RallyConfig,
  ) {}

  @Post('letter-actions')
  @RequirePermission(LetterPermission.Manage)
  @ApiCreatedResponse({ type: LetterActionResponse })
  async create(@Auth() auth: AuthContext, @Body() body: LetterActionCreateDto): Promise<LetterActionResponse> {
    return this.respond(auth, await this.actions.create(auth, body));
  }

  @Get('letter-actions')
  @RequirePermission(LetterPermission.Read)
  @ApiOkResponse({ type: PageSchema(LetterActionResponse) })
  async list(@Auth() auth: AuthContext, @Query() query: LetterActionListQueryDto): Promise<Page<LetterActionResponse>> {
    const window = pageWindow(query);
    const { items, total } = await this.actions.list(auth, {
      campaignId: query.campaignId,
      status: query.status,
      q: query.q,
      sort: query.sort,
      ...window,
    });
    const templates = await this.actions.templatesOf(
      auth,
      items.map((a) => a.id),
    );
    return pageOf(
      items.map((a) =>
        toLetterActionResponse(
          a,
          templates.filter((t) => t.actionId === a.id),
          this.config.http.publicUrl,
        ),
      ),
      total,
      window,
    );
  }

  /** Every merge field a letter may use, with a description and the sample the preview fills in. */
  @Get('letter-merge-fields')
  @RequirePermission(LetterPermission.Read)
  @ApiOkResponse({ type: [MergeFieldResponse] })
  mergeFields(): MergeFieldResponse[] {
    return this.previews.mergeFields();
  }

  @Get('letter-actions/:actionId')
  @RequirePermission(LetterPermission.Read)
  @ApiOkResponse({ type: LetterActionResponse })
  async get(@Auth() auth: AuthContext, @Param('actionId', ACTION) id: string): Promise<LetterActionResponse> {
    return this.respond(auth, await this.actions.get(auth, id));
  }

  @Patch('letter-actions/:actionId')
  @RequirePermission(LetterPermission.Manage)
  @ApiOkResponse({ type: LetterActionResponse })
  async update(
    @Auth() auth: AuthContext,
    @Param('actionId', ACTION) id: string,
    @Body() body: LetterActionUpdateDto,
  ): Promise<LetterActionResponse> {
    return this.changed(auth, await this.actions.update(auth, id, body));
  }

  /** Saves one language's letter; a subject or body that does not pass is refused with its line and column. */
  @Put('letter-actions/:actionId/templates/:language')
  @RequirePermission(LetterPermission.Manage)
  @ApiParam({ name: 'language', enum: LANGUAGES, enumName: 'Language' })
  @ApiOkResponse({ type: LetterTemplateResponse })
  async putTemplate(
    @Auth() auth: AuthContext,
    @Param('actionId', ACTION) id: string,
    @Param('language') language: string,
    @Body() body: LetterTemplateDto,
  ): Promise<LetterTemplateResponse> {
    await this.actions.get(auth, id); // an unknown action is a 404 before its language is looked at
    const saved = await this.actions.putTemplate(auth, id, languageParam(language), body);
    this.forget(await this.actions.get(auth, id));
    return toTemplateResponse(saved);
  }

  @Delete('letter-actions/:actionId/templates/:language')
  @HttpCode(204)
  @RequirePermission(LetterPermission.Manage)
  @ApiParam({ name: 'language', enum: LANGUAGES, enumName: 'Language' })
  @ApiNoContentResponse({ description: 'Deleted' })
  async deleteTemplate(
    @Auth() auth: AuthContext,
    @Param('actionId', ACTION) id: string,
    @Param('language') language: string,
  ): Promise<void> {
    await this.actions.get(auth, id);
    await this.actions.deleteTemplate(auth, id, languageParam(language));
    this.forget(await this.actions.get(auth, id));
  }

  /**
   * Renders a letter on the server as it would be sent, with sample data or a chosen target, from the saved
   * template or the editor's unsaved text. Problems come back in the answer (not as a 422) so the editor can show
   * them while the campaigner types.
   */
  @Post('letter-actions/:actionId/preview')
  @HttpCode(200)
  @RequirePermission(LetterPermission.Read)
  @ApiOkResponse({ type: LetterPreviewResponse })
  async preview(
    @Auth() auth: AuthContext,
    @Param('actionId', ACTION) id: string,
    @Body() body: LetterPreviewDto,
  ): Promise<LetterPreviewResponse> {
    return this.previews.preview(auth, await this.actions.get(auth, id), body);
  }

  @Post('letter-actions/:actionId/open')
  @RequirePermission(LetterPermission.Manage)
  @ApiCreatedResponse({ type: LetterActionResponse })
  open(@Auth() auth: AuthContext, @Param('actionId', ACTION) id: string): Promise<LetterActionResponse> {
    return this.move(auth, id, 'open');
  }

  @Post('letter-actions/:actionId/close')
  @RequirePermission(LetterPermission.Manage)
  @ApiCreatedResponse({ type: LetterActionResponse })
  close(@Auth() auth: AuthContext, @Param('actionId', ACTION) id: string): Promise<LetterActionResponse> {
    return this.move(auth, id, 'close');
  }

  @Post('letter-actions/:actionId/reopen')
  @RequirePermission(LetterPermission.Manage)
  @ApiCreatedResponse({ type: LetterActionResponse })
  reopen(@Auth() auth: AuthContext, @Param('actionId', ACTION) id: string): Promise<LetterActionResponse> {
    return this.move(auth, id, 'reopen');
  }

  /** Test mode on: every letter of this action goes to the given address (default: the member's own). */
  @Put('letter-actions/:actionId/test-mode')
  @RequirePermission(LetterPermission.Manage)
  @ApiOkResponse({ type: LetterActionResponse })
  async testMode(
    @Auth() auth: AuthContext,
    @Param('actionId', ACTION) id: string,
    @Body() body: LetterTestModeDto,
  ): Promise<LetterActionResponse> {
    return this.changed(auth, await this.actions.setTestMode(auth, id, body));
  }

  private async move(auth: AuthContext, id: string, action: LetterActionTransition): Promise<LetterActionResponse> {
    return this.changed(auth, await this.actions.transition(auth, id, action));
  }

  /** The public page shows a change made here at once in this process (others follow within two seconds). */
  private async changed(auth: AuthContext, action: LetterAction): Promise<LetterActionResponse> {
    this.forget(action);
    return this.respond(auth, action);
  }

  private forget(action: LetterAction): void {
    this.publicActions.forget(action.slug);
  }

  private async respond(auth: AuthContext, action: LetterAction): Promise<LetterActionResponse> {
    const templates = await this.actions.templatesOf(auth, [action.id]);
    return toLetterActionResponse(action, templates, this.config.http.publicUrl);
  }
}
