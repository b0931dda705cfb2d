import type { AnchorProps, ButtonProps, NavLinkProps } from '@mantine/core';
import { Anchor, Button, NavLink } from '@mantine/core';
import type { LinkComponent } from '@tanstack/react-router';
import { createLink } from '@tanstack/react-router';
import type { AnchorHTMLAttributes, ReactNode, Ref } from 'react';

/**
 * Mantine's anchor, button and navigation link as router links: typed routes and parameters (a wrong path or a
 * missing `$org` fails the type check), client-side navigation, and preloading of the next screen's code on hover.
 */
type Anchorish<P> = P & AnchorHTMLAttributes<HTMLAnchorElement> & { ref?: Ref<HTMLAnchorElement> };

const AnchorBase = (props: Anchorish<AnchorProps>): ReactNode => <Anchor component="a" {...props} />;
const ButtonBase = (props: Anchorish<ButtonProps>): ReactNode => <Button component="a" {...props} />;
const NavLinkBase = (props: Anchorish<NavLinkProps>): ReactNode => <NavLink component="a" {...props} />;

const AnchorCreated = createLink(AnchorBase);
const ButtonCreated = createLink(ButtonBase);
const NavLinkCreated = createLink(NavLinkBase);

export const AnchorLink: LinkComponent<typeof AnchorBase> = (props) => <AnchorCreated preload="intent" {...props} />;
export const ButtonLink: LinkComponent<typeof ButtonBase> = (props) => <ButtonCreated preload="intent" {...props} />;
export const NavLinkLink: LinkComponent<typeof NavLinkBase> = (props) => <NavLinkCreated preload="intent" {...props} />;
