import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthContext, OrgScope } from '#rally/access';
import { AuditLog } from '#rally/access';
import type { OrganisationRelay, RelayTestResult } from '#rally/mail';
import { OrganisationRelayService } from '#rally/mail';
import type { MailRelayDto, MailRelayTestDto } from '../dto/mail-relay.dto.js';

/** The organisation's own SMTP relay, as staff manage it: access and audit here, storage and SMTP in mail. */
@Injectable()
export class MailRelayService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly relays: OrganisationRelayService,
    private readonly audit: AuditLog,
  ) {}

  get captureMode(): boolean {
    return this.relays.captureMode;
  }

  find(scope: OrgScope): Promise<OrganisationRelay | null> {
    return this.relays.find(scope.organisationId);
  }

  async save(auth: AuthContext, body: MailRelayDto): Promise<OrganisationRelay> {
    return this.db.transaction(async (tx) => {
      const { relay, passwordChanged } = await this.relays.save(
        auth.organisationId,
        {
          host: body.host,
          port: body.port,
          secure: body.secure ?? false,
          username: body.username ?? null,
          password: body.password,
          enabled: body.enabled ?? true,
        },
        tx,
      );
      // Never the password, sealed or not: whether it changed is all the log needs.
      await this.audit.record(
        auth,
        {
          action: 'mail-relay.update',
          objectType: 'organisation',
          objectId: auth.organisationId,
          details: { ...serverOf(relay), enabled: relay.enabled, passwordChanged },
        },
        tx,
      );
      return relay;
    });
  }

  async remove(auth: AuthContext): Promise<void> {
    await this.db.transaction(async (tx) => {
      if (!(await this.relays.remove(auth.organisationId, tx))) return; // nothing saved: nothing to record
      await this.audit.record(
        auth,
        { action: 'mail-relay.delete', objectType: 'organisation', objectId: auth.organisationId },
        tx,
      );
    });
  }

  async test(auth: AuthContext, body: MailRelayTestDto): Promise<RelayTestResult> {
    const given = body.host !== undefined && body.port !== undefined;
    const result = await this.relays.test(
      auth.organisationId,
      given
        ? {
            host: body.host as string,
            port: body.port as number,
            secure: body.secure ?? false,
            username: body.username ?? null,
            password: body.password,
          }
        : undefined,
    );
    // Recorded because it makes the server connect where staff say; the outcome helps whoever reads the log later.
    const tested = given ? { host: body.host, port: body.port } : { saved: true };
    await this.audit.record(auth, {
      action: 'mail-relay.test',
      objectType: 'organisation',
      objectId: auth.organisationId,
      details: { ...tested, ok: result.ok },
    });
    return result;
  }
}

const serverOf = (r: OrganisationRelay): Record<string, unknown> => ({
  host: r.host,
  port: r.port,
  secure: r.secure,
  username: r.username,
});
